package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line's wording, its rate limit on a fake clock, and clearing it at the end. */
class ProgressTest {
  private final StringWriter err = new StringWriter();
  private long now = 1_000_000_000L;

  private Progress progress(final long total) {
    return new Progress(new PrintWriter(err), "replay ha1", total, () -> now);
  }

  private static void steps(final Progress p, final int n) {
    for (int i = 0; i < n; i++) {
      p.step();
    }
  }

  @Test
  void theLineSaysDoneTotalPercentAndRate() {
    assertEquals(
        "replay ha1: 1,048,576 / 10,000,000 entries (10%), 2,097,152 entries/s",
        Progress.line("replay ha1", 1_048_576, 10_000_000, 500_000_000L));
    assertEquals(
        "audit ha2: 0 / 0 entries (100%), 0 entries/s", Progress.line("audit ha2", 0, 0, 0));
  }

  @Test
  void redrawsAtMostEvery200MillisecondsInPlaceAndClearsAtTheEnd() {
    final Progress p = progress(4096);
    steps(p, 1024);
    assertEquals("", err.toString(), "nothing before 200 ms have passed");
    now += Progress.REDRAW_NANOS;
    steps(p, 256);
    final String first = "replay ha1: 1,280 / 4,096 entries (31%), 6,400 entries/s";
    assertEquals("\r" + first, err.toString());
    now += Progress.REDRAW_NANOS - 1;
    steps(p, 1024);
    assertEquals("\r" + first, err.toString(), "no redraw within 200 ms of the last");
    now += 1;
    steps(p, 256);
    assertTrue(
        err.toString().endsWith("\rreplay ha1: 2,560 / 4,096 entries (62%), 6,400 entries/s"),
        err::toString);
    p.clear();
    assertTrue(err.toString().endsWith("\r" + " ".repeat(first.length()) + "\r"), err::toString);
    p.clear();
    assertTrue(err.toString().endsWith(" \r"), "a second clear prints nothing more");
  }

  @Test
  void noneAndAClearWithoutALineDrawNothing() {
    final Progress p = progress(10);
    steps(p, 10);
    p.clear();
    assertEquals("", err.toString());
    steps(Progress.NONE, 100_000);
    Progress.NONE.clear();
  }
}
