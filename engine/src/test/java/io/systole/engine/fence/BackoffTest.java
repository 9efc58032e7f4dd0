package io.systole.engine.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between failed fencing attempts. */
class BackoffTest {
  @Test
  void theDefaultDoublesFromOneSecondToAMinute() {
    final long[] seconds = {1, 2, 4, 8, 16, 32, 60, 60};
    for (int i = 0; i < seconds.length; i++) {
      assertEquals(
          Duration.ofSeconds(seconds[i]), Backoff.DEFAULT.after(i + 1), "after " + (i + 1));
    }
    assertEquals(Duration.ofSeconds(60), Backoff.DEFAULT.after(Integer.MAX_VALUE));
  }

  @Test
  void aZeroOrInvertedBackoffIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
