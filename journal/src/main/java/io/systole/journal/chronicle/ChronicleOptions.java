package io.systole.journal.chronicle;

import io.systole.journal.EpochMicrosClock;
import java.time.Duration;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How a {@link ChronicleJournal} is opened: the writing node, the roll cycle (daily by default),
 * retention by age and by total size (keep everything by default), and the clock that stamps
 * entries. Immutable; each {@code with} method returns a copy.
 */
public record ChronicleOptions(
    String node,
    RollCycle rollCycle,
    Duration retainAge,
    long retainBytes,
    EpochMicrosClock clock) {

  /** The defaults for {@code node}: daily files, kept forever, the system clock. */
  public static ChronicleOptions forNode(final String node) {
    return new ChronicleOptions(node, RollCycles.FAST_DAILY, null, 0L, EpochMicrosClock.SYSTEM);
  }

  /** Validates the options. */
  public ChronicleOptions {
    if (rollCycle == null) {
      throw new IllegalArgumentException("a journal needs a roll cycle");
    }
    if (retainAge != null && (retainAge.isNegative() || retainAge.isZero())) {
      throw new IllegalArgumentException("journal retention age must be positive: " + retainAge);
    }
    if (retainBytes < 0) {
      throw new IllegalArgumentException("journal retention size must not be negative");
    }
    if (clock == null) {
      throw new IllegalArgumentException("a journal needs a clock");
    }
  }

  /** A copy with another roll cycle. */
  public ChronicleOptions withRollCycle(final RollCycle cycle) {
    return new ChronicleOptions(node, cycle, retainAge, retainBytes, clock);
  }

  /** A copy that deletes cycle files older than {@code age} (null keeps them). */
  public ChronicleOptions withRetainAge(final Duration age) {
    return new ChronicleOptions(node, rollCycle, age, retainBytes, clock);
  }

  /** A copy that keeps at most {@code bytes} of cycle files (0 keeps all). */
  public ChronicleOptions withRetainBytes(final long bytes) {
    return new ChronicleOptions(node, rollCycle, retainAge, bytes, clock);
  }

  /** A copy with another clock. */
  public ChronicleOptions withClock(final EpochMicrosClock c) {
    return new ChronicleOptions(node, rollCycle, retainAge, retainBytes, c);
  }
}
