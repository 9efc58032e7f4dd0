package io.systole.tools;

import picocli.CommandLine.Command;

/** {@code systole rscstatus}: what {@code cl_status rscstatus} answers. */
@Command(
    name = "rscstatus",
    mixinStandardHelpOptions = true,
    description = {
      "Print which resource groups this node holds: all (its own and others'), local (only those"
          + " it prefers), foreign (only others'), none, or transition while one starts or stops;"
          + " what cl_status rscstatus answers."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {" 0:printed", " 1:no daemon answers"})
final class RscstatusCommand extends DaemonRequest {
  @Override
  String argument() {
    return null;
  }
}
