package io.systole.engine.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heartbeat's value syntax: times ({@code 2} is seconds, {@code 1500ms}, {@code 1500000us},
 * fractions allowed, rounded to whole milliseconds; {@code 5s} is not a time), booleans in any case
 * ({@code true/on/yes/y/1}, {@code false/off/no/n/0}), and bounded integers.
 */
final class Values {
  private static final Pattern TIME =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|us|usec)?", Pattern.CASE_INSENSITIVE);

  private Values() {}

  /** A time in whole milliseconds, which must be more than 0. */
  static long timeMillis(final String text) throws ConfigValueException {
    final Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new ConfigValueException(
          "'"
              + text
              + "' is not a time: write seconds (2, 1.5), milliseconds (1500ms)"
              + " or microseconds (1500000us)");
    }
    final String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    final BigDecimal number =
        new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    final BigDecimal millis =
        switch (unit) {
          case "ms" -> number;
          case "us", "usec" -> number.movePointLeft(3);
          default -> number.movePointRight(3);
        };
    final long rounded;
    try {
      rounded = millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new ConfigValueException("'" + text + "' is too long a time");
    }
    if (rounded <= 0) {
      throw new ConfigValueException("'" + text + "' must be more than 0 (at least 1ms)");
    }
    return rounded;
  }

  /** A boolean in any of Heartbeat's spellings. */
  static boolean bool(final String text) throws ConfigValueException {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "y", "1" -> true;
      case "false", "off", "no", "n", "0" -> false;
      default ->
          throw new ConfigValueException(
              "'" + text + "' is not a boolean: use yes/no, on/off, true/false, y/n or 1/0");
    };
  }

  /** Whether {@code text} is one of Heartbeat's boolean spellings. */
  static boolean isBool(final String text) {
    try {
      bool(text);
      return true;
    } catch (ConfigValueException e) {
      return false;
    }
  }

  /** A decimal integer in {@code [min, max]}. */
  static int integer(final String text, final int min, final int max) throws ConfigValueException {
    final long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigValueException("'" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new ConfigValueException("'" + text + "' is outside " + min + ".." + max);
    }
    return (int) value;
  }

  /** A time for people: {@code 2s}, {@code 1500ms}. */
  static String formatMillis(final long millis) {
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
