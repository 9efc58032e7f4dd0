package io.systole.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code systole} command: the entry point of the launcher and of {@code systole.jar}. It only
 * names the subcommands (each a class of its own), supplies {@code --help}, {@code --version} and
 * {@code help}, lists the whole command tree in its usage, and hands picocli's exit code to the
 * process: {@link #OK}, {@link #FINDING} or {@link #USAGE}.
 */
@Command(
    name = "systole",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Systole: event-sourced high availability for Linux, successor of Heartbeat.",
    subcommands = {
      DaemonCommand.class,
      StatusCommand.class,
      StandbyCommand.class,
      TakeoverCommand.class,
      FenceConfirmCommand.class,
      NodestatusCommand.class,
      HblinksCommand.class,
      RscstatusCommand.class,
      ConfigCommand.class,
      JournalCommand.class,
      DemoCommand.class,
      DemoServiceCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:success",
      " 1:a finding (such as a damaged journal entry, or a warning under --strict) or a failure",
      " 2:a usage error, a path that is not a journal, or a configuration with errors"
    })
public final class SystoleCommand {
  /** Exit status: the command did what it was asked and found nothing wrong. */
  public static final int OK = CommandLine.ExitCode.OK;

  /**
   * Exit status: the command ran and found something wrong, such as a damaged journal entry (or a
   * configuration warning under {@code --strict}).
   */
  public static final int FINDING = 1;

  /**
   * Exit status: the command line is wrong, or names something that is not a journal, or a
   * configuration with errors.
   */
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  /** Runs the command line and exits with its status. */
  public static void main(final String[] args) {
    System.exit(new CommandLine(new SystoleCommand()).execute(args));
  }

  /** Called by picocli while it builds the model: the usage lists subcommands as a tree. */
  @Spec
  void installCommandTree(final CommandSpec spec) {
    CommandTree.install(spec);
  }
}
