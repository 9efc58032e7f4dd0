package io.systole.tools;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr while a tool reads a large journal: entries done out of the total (from
 * the journal's first and last index), the percentage and the rate. Redrawn in place with a
 * carriage return at most every 200 ms, and cleared at the end, so that what the tool prints after
 * it starts on a clean line. Only on a terminal: when stderr is a pipe or a file (and in tests)
 * there is no line at all. The clock is injected so that tests drive the redraws.
 */
final class Progress {
  /** The least time between two redraws. */
  static final long REDRAW_NANOS = 200_000_000L;

  /** Entries between two looks at the clock: reading the clock per entry would cost more. */
  private static final int STRIDE = 256;

  /** A progress that draws nothing. */
  static final Progress NONE = new Progress(null, "", 0, () -> 0L);

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long lastDrawNanos;
  private long done;
  private int drawnWidth;

  /**
   * A progress of {@code total} entries drawn on {@code err} (null: nowhere), named {@code label}.
   */
  Progress(final PrintWriter err, final String label, final long total, final LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.nanoClock = clock;
    this.startNanos = clock.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /** A progress on the command's stderr when it is a terminal, else {@link #NONE}. */
  static Progress onTerminal(
      final JournalToolOptions options, final String label, final long total) {
    return System.console() == null
        ? NONE
        : new Progress(options.command.commandLine().getErr(), label, total, System::nanoTime);
  }

  /** One entry done. */
  void step() {
    if (++done % STRIDE == 0 && err != null) {
      final long now = nanoClock.getAsLong();
      if (now - lastDrawNanos >= REDRAW_NANOS) {
        lastDrawNanos = now;
        draw(line(label, done, total, now - startNanos));
      }
    }
  }

  /** Clears the line, if one was drawn: before an error message, and at the end. */
  void clear() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }

  private void draw(final String line) {
    err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    err.flush();
    drawnWidth = Math.max(drawnWidth, line.length());
  }

  /** The line: {@code audit ha1: 1,048,576 / 10,000,000 entries (10%), 1,234,567 entries/s}. */
  static String line(final String label, final long done, final long total, final long nanos) {
    final long percent = total > 0 ? Math.min(100, done * 100 / total) : 100;
    final double rate = nanos > 0 ? done * 1e9 / nanos : 0;
    return String.format(
        Locale.ROOT,
        "%s: %,d / %,d entries (%d%%), %,.0f entries/s",
        label,
        done,
        total,
        percent,
        rate);
  }
}
