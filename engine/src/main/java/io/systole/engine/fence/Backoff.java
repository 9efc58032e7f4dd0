package io.systole.engine.fence;

import java.time.Duration;

/**
 * How long the fence runner waits before it tries a failed fencing again: {@code first} after the
 * first failure, doubling with each failure after, never more than {@code max}. Tests pass short
 * ones, so that a retry sequence runs in milliseconds.
 *
 * @param first the wait after the first failed attempt
 * @param max the longest wait
 */
public record Backoff(Duration first, Duration max) {
  /** 1 s, 2 s, 4 s... up to 60 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  /** Checks that the waits are positive and {@code max} is not shorter than {@code first}. */
  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "a fencing backoff needs 0 < first <= max, not first " + first + ", max " + max);
    }
  }

  /** The wait after {@code failures} failed attempts in a row (1 or more). */
  public Duration after(final int failures) {
    Duration wait = first;
    for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) < 0 ? wait : max;
  }
}
