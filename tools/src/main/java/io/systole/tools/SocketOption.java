package io.systole.tools;

import io.systole.engine.control.ControlClient;
import io.systole.engine.control.ControlProtocol;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --socket} option of the commands that talk to the local daemon, and the one way they
 * ask it something: send the request, print the answer, exit as the daemon says (1 with a clear
 * message when no daemon answers).
 */
final class SocketOption {
  /** Where the daemon listens by default. */
  static final String DEFAULT_SOCKET = "/run/systole/systole.sock";

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      defaultValue = DEFAULT_SOCKET,
      description = "The daemon's control socket (default: ${DEFAULT-VALUE}).")
  Path socket;

  /** Sends {@code request} for command {@code spec}, prints the answer, returns the exit code. */
  int ask(final CommandSpec spec, final String request) {
    final ControlProtocol.Response r;
    try {
      r = ControlClient.request(socket, request);
    } catch (IOException e) {
      spec.commandLine().getErr().println("systole " + spec.name() + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return SystoleCommand.FINDING;
    }
    (r.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr()).print(r.body());
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return r.exitCode();
  }
}
