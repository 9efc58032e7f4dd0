package io.systole.engine.sim;

/**
 * An invariant that failed in a simulated run: which one, when, and what was seen.
 *
 * @param invariant the invariant's short name, for example {@code converged}
 */
record Violation(String invariant, long atMicros, String message) {
  @Override
  public String toString() {
    return String.format("[%s] at %.3fs: %s", invariant, atMicros / 1e6, message);
  }
}
