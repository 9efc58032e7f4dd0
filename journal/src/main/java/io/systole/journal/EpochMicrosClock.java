package io.systole.journal;

import java.time.Instant;

/**
 * The source of entry timestamps, injected so that tests and simulations control time. The fold
 * never reads a clock: it uses the time stored in each entry.
 */
@FunctionalInterface
public interface EpochMicrosClock {
  /** The system's wall clock. */
  EpochMicrosClock SYSTEM =
      () -> {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
      };

  /** Microseconds since the epoch. */
  long nowMicros();
}
