package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs the {@code systole} command in-process, as the launcher would, and keeps what it printed.
 */
final class Systole {
  private Systole() {}

  /** What one run returned and printed. */
  record Result(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code systole journal TOOL OPTIONS... DIR} and checks its exit status. */
  static Result journal(
      final int status, final String tool, final Path dir, final String... options) {
    final String[] args = new String[options.length + 3];
    args[0] = "journal";
    args[1] = tool;
    System.arraycopy(options, 0, args, 2, options.length);
    args[args.length - 1] = dir.toString();
    final Result result = run(args);
    assertEquals(status, result.status(), result::toString);
    return result;
  }

  static Result run(final String... args) {
    return run(command -> {}, args);
  }

  /**
   * Runs with {@code setup} applied to the command line first: it may reach a subcommand's instance
   * to describe the machine it checks, say.
   */
  static Result run(final Consumer<CommandLine> setup, final String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandLine command = commandLine(out, err);
    setup.accept(command);
    final int status = command.execute(args);
    return new Result(status, out.toString(), err.toString());
  }

  /**
   * Runs with {@code out} and {@code err} as the command's writers (for a run on another thread).
   */
  static int run(final StringWriter out, final StringWriter err, final String... args) {
    return commandLine(out, err).execute(args);
  }

  private static CommandLine commandLine(final StringWriter out, final StringWriter err) {
    return new CommandLine(new SystoleCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
  }
}
