package io.systole.tools;

import io.systole.engine.control.ControlClient;
import io.systole.engine.control.ControlProtocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code systole status [--json]}: asks the local daemon, over its control socket, for its view of
 * the cluster and prints it.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the local daemon's view of the cluster.",
      "Nodes with their status and each link's, resource groups with who holds them, each"
          + " medium's state and counters, dropped-message counters, the journal's position and"
          + " the last transitions."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {" 0:the daemon answered", " 1:no daemon answers on the socket"})
final class StatusCommand implements Callable<Integer> {
  /** Where the daemon listens by default. */
  static final String DEFAULT_SOCKET = "/run/systole/systole.sock";

  @Spec CommandSpec command;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      defaultValue = DEFAULT_SOCKET,
      description = "The daemon's control socket (default: ${DEFAULT-VALUE}).")
  Path socket;

  @Override
  public Integer call() {
    final ControlProtocol.Response r;
    try {
      r = ControlClient.request(socket, json ? "status json" : "status");
    } catch (IOException e) {
      command.commandLine().getErr().println("systole status: " + e.getMessage());
      return SystoleCommand.FINDING;
    }
    command.commandLine().getOut().print(r.body());
    command.commandLine().getOut().flush();
    return r.exitCode();
  }
}
