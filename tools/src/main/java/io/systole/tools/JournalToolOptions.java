package io.systole.tools;

import io.systole.journal.JournalException;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every journal tool takes ({@code --utc}, {@code --verbose}) and what they share:
 * opening a journal read-only, and reporting an error as one line on stderr, prefixed with the
 * command's name, with the stack trace only when {@code --verbose} asks for it.
 */
final class JournalToolOptions {
  /** The command this mixin is part of (its name prefixes errors; its writers print). */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--utc", description = "Print times in UTC instead of the local time zone.")
  boolean utc;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print the stack trace of an error, not only its message.")
  boolean verbose;

  /** How the command prints times: in UTC or in the local time zone. */
  TimeText timeText() {
    return new TimeText(utc ? TimeText.UTC : ZoneId.systemDefault());
  }

  /**
   * Opens the journal in {@code dir} for reading, or reports why it cannot.
   *
   * @return the journal, or {@code null} after reporting the error
   */
  ChronicleJournal open(final Path dir) {
    try {
      return ChronicleJournal.openReadOnly(dir);
    } catch (JournalException e) {
      error(e.getMessage(), e);
      return null;
    }
  }

  /** Prints "systole journal dump: {@code message}" to stderr, and the stack trace if verbose. */
  void error(final String message, final Throwable cause) {
    final PrintWriter err = command.commandLine().getErr();
    err.println(command.qualifiedName() + ": " + message);
    if (verbose && cause != null) {
      cause.printStackTrace(err);
    }
    err.flush();
  }

  /** Where the command prints its output. */
  PrintWriter out() {
    return command.commandLine().getOut();
  }

  /** A usage error picocli reports with the command's usage and exit status 2. */
  ParameterException usageError(final String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
