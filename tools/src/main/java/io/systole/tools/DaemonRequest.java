package io.systole.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that is one request to the local daemon: the request is the command's own name followed
 * by {@link #argument()}, and the daemon's answer is printed as it comes. Subclasses only declare
 * their options and help.
 */
abstract class DaemonRequest implements Callable<Integer> {
  @Spec CommandSpec command;

  @Mixin SocketOption socket;

  /** What follows the command's name in the request, or null for nothing. */
  abstract String argument();

  @Override
  public Integer call() {
    final String a = argument();
    return socket.ask(command, a == null ? command.name() : command.name() + " " + a);
  }

  /** A command with a scope: all, local or foreign, as Heartbeat's {@code hb_standby} takes. */
  abstract static class Scoped extends DaemonRequest {
    @picocli.CommandLine.Parameters(
        arity = "0..1",
        paramLabel = "SCOPE",
        defaultValue = "all",
        description = "all, local or foreign (default: ${DEFAULT-VALUE}).")
    String scope;

    @Override
    String argument() {
      return scope;
    }
  }

  /** A question about one node. */
  abstract static class AboutNode extends DaemonRequest {
    @picocli.CommandLine.Parameters(paramLabel = "NODE", description = "A node of ha.cf.")
    String node;

    @Override
    String argument() {
      return node;
    }
  }
}
