package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole fence-confirm NODE}: tells the local daemon that an operator made sure a dead node
 * is off, so that its groups may move (the confirmation the {@code meatware} STONITH type waits
 * for, and the way out when a fence device keeps failing).
 */
@Command(
    name = "fence-confirm",
    mixinStandardHelpOptions = true,
    description = {
      "Confirm that a dead node is powered off or reset, so that its groups may move.",
      "With stonith_host ... meatware, the surviving node waits for this; with other devices it ends the retries of a device that keeps failing. Say it only after you made sure NODE runs nothing: a node that still runs its groups then runs them twice. Journaled as a fencing that succeeded, with who confirmed it."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the daemon took the confirmation",
      " 1:no daemon answers, the node is not dead, is this node, or fencing is not configured",
      " 2:usage error"
    })
final class FenceConfirmCommand extends DaemonRequest.AboutNode {}
