package io.systole.engine.resource;

/**
 * The outcome of one resource action: it did what was asked ({@code OK}; for a status check, the
 * resource runs), the resource does not run ({@code NOT_RUNNING}: for a stop, the goal; for a
 * status check, the answer), or it failed. {@code detail} is what the journal records, such as
 * {@code "exit 1 (generic error)"} or {@code "timed out after 20 s"}.
 *
 * @param status what came of it
 * @param exitCode the script's exit code, or -1 when it did not exit by itself
 * @param detail for the journal; empty when there is nothing to say
 */
public record ActionResult(Status status, int exitCode, String detail) {
  /** What came of an action. */
  public enum Status {
    /** Done; for a status check: the resource runs. */
    OK,
    /** The resource does not run. */
    NOT_RUNNING,
    /** The action failed, timed out, or could not be run. */
    FAILED
  }

  /** An exit code for results that no exit of a script produced. */
  public static final int NO_EXIT = -1;

  /** Done, with nothing to add. */
  public static ActionResult success() {
    return new ActionResult(Status.OK, 0, "");
  }

  /** The resource does not run, as {@code detail} says. */
  public static ActionResult notRunning(final String detail) {
    return new ActionResult(Status.NOT_RUNNING, NO_EXIT, detail);
  }

  /** Failed without an exit code of its own, as {@code detail} says. */
  public static ActionResult failure(final String detail) {
    return new ActionResult(Status.FAILED, NO_EXIT, detail);
  }

  /** Whether the action did what was asked. */
  public boolean ok() {
    return status == Status.OK;
  }
}
