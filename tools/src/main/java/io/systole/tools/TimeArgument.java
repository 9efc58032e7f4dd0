package io.systole.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A point in a journal as an operator names it on the command line ({@code --from}, {@code --to},
 * {@code --at}): a journal index as {@code dump} prints it ({@code 42}), or a time in ISO-8601 with
 * a zone ({@code 2026-11-25T07:25:38Z}, {@code +01:00}), without one ({@code 2026-11-25T08:25:38},
 * in the zone the tool prints in: local, or UTC with {@code --utc}), a time of day alone ({@code
 * 08:25:38}: on the day of the journal's first entry, in that zone), or a time as the tools print
 * it ({@code 2026-11-25 01:02:03.123456 UTC}), so that one can be pasted from a dump. A time is
 * resolved to epoch microseconds only against the journal, as two of the forms depend on it.
 */
final class TimeArgument {
  private static final Pattern INDEX = Pattern.compile("\\d{1,18}");
  private static final DateTimeFormatter PRINTED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSSSSS] z", Locale.ROOT);
  private static final String FORMS =
      "give an index as dump prints it, or a time such as 2026-11-25T07:25:38Z,"
          + " 2026-11-25T08:25:38 (local) or 08:25:38 (that day of the first entry)";

  private final String text;
  private final long index;
  private final Instant instant;
  private final LocalDateTime local;
  private final LocalTime timeOfDay;

  private TimeArgument(
      final String text,
      final long index,
      final Instant instant,
      final LocalDateTime local,
      final LocalTime timeOfDay) {
    this.text = text;
    this.index = index;
    this.instant = instant;
    this.local = local;
    this.timeOfDay = timeOfDay;
  }

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException naming the forms it takes, when it is none of them
   */
  static TimeArgument parse(final String text) {
    final String t = text.strip();
    if (INDEX.matcher(t).matches()) {
      return new TimeArgument(text, Long.parseLong(t), null, null, null);
    }
    final List<Function<String, TimeArgument>> forms =
        List.of(
            s -> new TimeArgument(text, -1, OffsetDateTime.parse(s).toInstant(), null, null),
            s -> new TimeArgument(text, -1, null, LocalDateTime.parse(s), null),
            s -> new TimeArgument(text, -1, null, null, LocalTime.parse(s)),
            s ->
                new TimeArgument(
                    text, -1, ZonedDateTime.parse(s, PRINTED).toInstant(), null, null));
    for (final Function<String, TimeArgument> form : forms) {
      try {
        return form.apply(t);
      } catch (DateTimeParseException ignored) {
        // not this form: try the next
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an index or a time; " + FORMS);
  }

  /** Whether it names an index rather than a time. */
  boolean isIndex() {
    return index >= 0;
  }

  /** The index it names; only when {@link #isIndex()}. */
  long index() {
    return index;
  }

  /**
   * The time it names, in epoch microseconds: a time without a zone is in {@code zone}, a time of
   * day on the day {@code firstMicros} (the journal's first entry) falls on in {@code zone}.
   */
  long micros(final ZoneId zone, final long firstMicros) {
    final Instant at;
    if (instant != null) {
      at = instant;
    } else if (local != null) {
      at = local.atZone(zone).toInstant();
    } else {
      final LocalDate day =
          Instant.EPOCH.plus(firstMicros, ChronoUnit.MICROS).atZone(zone).toLocalDate();
      at = timeOfDay.atDate(day).atZone(zone).toInstant();
    }
    return Math.addExact(
        Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
  }

  /** As the operator wrote it. */
  @Override
  public String toString() {
    return text;
  }
}
