package io.systole.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One meaningful line of ha.cf: its number, its directive (lower-cased) and its values. Heartbeat
 * splits values on blanks, tabs and commas, and a {@code #} starts a comment anywhere.
 */
record ConfigLine(int number, String directive, List<String> values) {
  /** The line, or null for a blank or comment-only line. */
  static ConfigLine parse(final int number, final String raw) {
    final int hash = raw.indexOf('#');
    final String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
    if (text.isEmpty()) {
      return null;
    }
    final List<String> tokens = new ArrayList<>();
    for (final String t : text.split("[\\s,]+")) {
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    return new ConfigLine(
        number, tokens.get(0).toLowerCase(Locale.ROOT), tokens.subList(1, tokens.size()));
  }

  /** The values joined as the admin wrote them. */
  String text() {
    return String.join(" ", values);
  }
}
