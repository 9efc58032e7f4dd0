package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole hblinks NODE}: what {@code cl_status hblinks} answers, with each link's status.
 */
@Command(
    name = "hblinks",
    mixinStandardHelpOptions = true,
    description = {
      "Print the links NODE was heard on, one per line with its status (up or dead); what"
          + " cl_status hblinks and hblinkstatus answer."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {" 0:printed", " 1:no daemon answers, or NODE is not in ha.cf"})
final class HblinksCommand extends DaemonRequest.AboutNode {}
