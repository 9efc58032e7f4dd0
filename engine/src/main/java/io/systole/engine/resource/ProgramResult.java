package io.systole.engine.resource;

/**
 * What came of running a program with {@link ActionRunner#run(String, java.util.List,
 * java.util.Map, java.time.Duration, boolean)}: its exit code, or why it has none (it timed out,
 * was interrupted, could not start), and the start of what it wrote to standard output and error.
 * For callers that read a program's answer by their own rules, such as fencing agents.
 *
 * @param exitCode the exit code, or {@link ActionResult#NO_EXIT} when it did not exit by itself
 * @param failure why there is no exit code, such as {@code "timed out after 20 s"}; empty when the
 *     program exited
 * @param stdout the first {@value ActionRunner#MAX_JUDGED_BYTES} bytes of standard output
 * @param stderr the first {@value ActionRunner#MAX_JUDGED_BYTES} bytes of standard error
 */
public record ProgramResult(int exitCode, String failure, String stdout, String stderr) {
  /** A program that never exited by itself, as {@code failure} says. */
  public static ProgramResult failed(final String failure) {
    return new ProgramResult(ActionResult.NO_EXIT, failure, "", "");
  }

  /** Whether the program exited by itself (with any code). */
  public boolean exited() {
    return failure.isEmpty();
  }

  /** The last non-blank line of standard error, stripped; empty when there is none. */
  public String lastErrorLine() {
    final String[] lines = stderr.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }
}
