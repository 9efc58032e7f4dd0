package io.systole.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class StatusCommand extends DaemonRequest {
  /** Where the daemon listens by default. */
  static final String DEFAULT_SOCKET = SocketOption.DEFAULT_SOCKET;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  String argument() {
    return json ? "json" : null;
  }
}
