package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole standby [all|local|foreign]}: asks the local daemon to standby (Heartbeat's {@code
 * hb_standby}).
 */
@Command(
    name = "standby",
    mixinStandardHelpOptions = true,
    description = {
      "Give up this node's resource groups to the other nodes (what hb_standby does).",
      "all: every group held here; local: the groups this node prefers; foreign: the groups other nodes prefer. The move is journaled with its reason; a standby lasts until a takeover, this node's restart or its death."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the daemon took the command",
      " 1:no daemon answers, or it has no group to move",
      " 2:bad scope"
    })
final class StandbyCommand extends DaemonRequest.Scoped {}
