package io.systole.engine.fence;

import java.time.Duration;

/**
 * What came of one run of a {@link FenceAgent}: whether it did what was asked, one line for
 * operators, and how long it took. A success's detail may be empty (the runner says what was done);
 * a failure's detail names the agent, what went wrong and, where it can, what to do.
 *
 * @param success whether the agent did what was asked
 * @param detail one line for operators, such as {@code "external /x exited 1: no route to host"}
 * @param duration how long the run took
 */
public record FenceOutcome(boolean success, String detail, Duration duration) {
  /** The agent did what was asked. */
  public static FenceOutcome success(final String detail, final Duration duration) {
    return new FenceOutcome(true, detail, duration);
  }

  /** The agent failed, as {@code detail} says. */
  public static FenceOutcome failure(final String detail, final Duration duration) {
    return new FenceOutcome(false, detail, duration);
  }

  /** The time since {@code startNanos}, a {@link System#nanoTime()} reading. */
  static Duration since(final long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
