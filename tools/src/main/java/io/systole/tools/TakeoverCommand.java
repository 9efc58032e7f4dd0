package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole takeover [all|local|foreign]}: asks the local daemon to takeover (Heartbeat's
 * {@code hb_takeover}).
 */
@Command(
    name = "takeover",
    mixinStandardHelpOptions = true,
    description = {
      "Take this node's resource groups here (what hb_takeover does).",
      "all: every group; local: the groups this node prefers; foreign: the groups other nodes prefer. Clears a standby; the move is journaled with its reason."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the daemon took the command",
      " 1:no daemon answers, or it has no group to move",
      " 2:bad scope"
    })
final class TakeoverCommand extends DaemonRequest.Scoped {}
