package io.systole.engine.state;

import java.util.function.LongConsumer;

/**
 * Runs a property over consecutive seeds and names the seed of the first failure. Run one seed
 * alone with {@code -Dsystole.seed=N}.
 */
public final class Seeds {
  private Seeds() {}

  /** Runs {@code property} for seeds {@code first .. first + count - 1}. */
  public static void check(final long first, final int count, final LongConsumer property) {
    final String only = System.getProperty("systole.seed");
    if (only != null) {
      run(Long.decode(only), property);
      return;
    }
    for (int i = 0; i < count; i++) {
      run(first + i, property);
    }
  }

  private static void run(final long seed, final LongConsumer property) {
    try {
      property.accept(seed);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "seed " + seed + " (rerun alone with -Dsystole.seed=" + seed + "): " + e.getMessage(), e);
    }
  }
}
