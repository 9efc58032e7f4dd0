package io.systole.tools;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the tools print journal times, in one zone chosen by the operator (local or UTC): an entry's
 * instant in full to the microsecond with the zone ({@code 2026-11-25 01:02:03.123456 UTC}), a time
 * inside an event relative to its entry (time of day to the millisecond, with the date only when it
 * falls on another day), and a duration in Heartbeat's units ({@code 5s}, {@code 1500ms}).
 */
public final class TimeText {
  /** The zone {@code --utc} selects; prints as "UTC". */
  public static final ZoneId UTC = ZoneId.of("UTC");

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MILLI = 1_000L;
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS z", Locale.ROOT);
  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private final ZoneId zone;

  /** Prints times in {@code zone}. */
  public TimeText(final ZoneId zone) {
    this.zone = zone;
  }

  /** The zone times are printed in. */
  public ZoneId zone() {
    return zone;
  }

  /** {@code epochMicros} in full, with the zone: {@code 2026-11-25 01:02:03.123456 UTC}. */
  public String instant(final long epochMicros) {
    return FULL.format(at(epochMicros));
  }

  /**
   * {@code epochMicros} as the time of day to the millisecond ({@code 01:02:01.100}), preceded by
   * the date when it falls on another day than {@code referenceMicros} (the entry's own time).
   */
  public String near(final long epochMicros, final long referenceMicros) {
    final ZonedDateTime time = at(epochMicros);
    final boolean sameDay = time.toLocalDate().equals(at(referenceMicros).toLocalDate());
    return (sameDay ? TIME_OF_DAY : DAY_AND_TIME).format(time);
  }

  /**
   * A length of time for reading rather than for exactness: "4.895s", "12.3ms", "850us" (what
   * {@link #duration} would print as 4894879us).
   */
  public static String span(final long micros) {
    if (micros % MICROS_PER_MILLI == 0) {
      return duration(micros); // exact and short already: 8s, 1500ms
    }
    if (micros >= MICROS_PER_SECOND) {
      return String.format(java.util.Locale.ROOT, "%.3fs", micros / 1e6);
    }
    if (micros >= MICROS_PER_MILLI) {
      return String.format(java.util.Locale.ROOT, "%.1fms", micros / 1e3);
    }
    return micros + "us";
  }

  /** A duration in the largest whole unit of s, ms and us: {@code 5s}, {@code 1500ms}. */
  public static String duration(final long micros) {
    if (micros % MICROS_PER_SECOND == 0) {
      return micros / MICROS_PER_SECOND + "s";
    }
    if (micros % MICROS_PER_MILLI == 0) {
      return micros / MICROS_PER_MILLI + "ms";
    }
    return micros + "us";
  }

  private ZonedDateTime at(final long epochMicros) {
    final Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(epochMicros, MICROS_PER_SECOND),
            Math.floorMod(epochMicros, MICROS_PER_SECOND) * MICROS_PER_MILLI);
    return instant.atZone(zone);
  }
}
