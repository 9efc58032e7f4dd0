package io.systole.tools;

import io.systole.journal.Entry;
import java.time.ZoneId;

/**
 * The entries a replay shows, from {@code --from} and {@code --to}: both ends included, each an
 * index or a time (see {@link TimeArgument}). An index must be one the journal holds; a time may
 * select nothing. Entries outside the window are still folded, so that the state is right.
 */
record EntryWindow(long fromIndex, long toIndex, long fromMicros, long toMicros) {

  /**
   * The window {@code from} and {@code to} (either may be null, for no bound) name in a journal
   * holding indexes {@code first} to {@code last} whose first entry is at {@code firstMicros}.
   *
   * @throws IllegalArgumentException when an index is out of the journal's range
   */
  static EntryWindow of(
      final TimeArgument from,
      final TimeArgument to,
      final ZoneId zone,
      final long first,
      final long last,
      final long firstMicros) {
    return new EntryWindow(
        from != null && from.isIndex() ? index("--from", from, first, last) : first,
        to != null && to.isIndex() ? index("--to", to, first, last) : last,
        from != null && !from.isIndex() ? from.micros(zone, firstMicros) : Long.MIN_VALUE,
        to != null && !to.isIndex() ? to.micros(zone, firstMicros) : Long.MAX_VALUE);
  }

  /** {@code at}'s index, checked against the journal's range. */
  static long index(final String option, final TimeArgument at, final long first, final long last) {
    if (at.index() < first || at.index() > last) {
      throw new IllegalArgumentException(
          option
              + " "
              + at
              + ": no such entry; the journal holds index "
              + first
              + " to "
              + last
              + " (see 'systole journal dump')");
    }
    return at.index();
  }

  /** Whether {@code entry} is shown. */
  boolean contains(final Entry entry) {
    return entry.index() >= fromIndex
        && entry.index() <= toIndex
        && entry.timeMicros() >= fromMicros
        && entry.timeMicros() <= toMicros;
  }
}
