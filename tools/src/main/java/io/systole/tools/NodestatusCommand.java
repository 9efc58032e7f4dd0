package io.systole.tools;

import picocli.CommandLine.Command;

/** {@code systole nodestatus NODE}: what {@code cl_status nodestatus} answers. */
@Command(
    name = "nodestatus",
    mixinStandardHelpOptions = true,
    description = {
      "Print NODE's status as this node's daemon sees it: active, dead, or unknown (not heard"
          + " since the daemon started); what cl_status nodestatus answers."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {" 0:printed", " 1:no daemon answers, or NODE is not in ha.cf"})
final class NodestatusCommand extends DaemonRequest.AboutNode {}
