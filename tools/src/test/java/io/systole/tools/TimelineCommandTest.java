package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal timeline} over the {@link Incident}'s failover: what it writes and refuses. */
class TimelineCommandTest {
  @TempDir Path tmp;

  private Systole.Result timeline(final int status, final String... args) {
    final String[] all = new String[args.length + 2];
    all[0] = "journal";
    all[1] = "timeline";
    System.arraycopy(args, 0, all, 2, args.length);
    final Systole.Result r = Systole.run(all);
    assertEquals(status, r.status(), r::toString);
    return r;
  }

  private static void assertOneLine(final Systole.Result r, final String start) {
    final String err = r.err().strip();
    assertTrue(err.startsWith("systole journal timeline: " + start), r::toString);
    assertFalse(err.contains("\n"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void writesThePageAndSaysWhatItCovers() throws IOException {
    final Path ha1 = Incident.failoverHa1(tmp);
    final Path ha2 = Incident.ha2(tmp);
    final Path page = tmp.resolve("incident.html");
    final Systole.Result r =
        timeline(0, "--utc", ha2.toString(), ha1.toString(), "--out", page.toString());
    assertEquals(
        List.of(
            "timeline written to " + page,
            "2 nodes (ha1, ha2), 23 entries, 23 markers, from 2026-11-25 01:02:03.123456 UTC to"
                + " 2026-11-25 01:02:11.123456 UTC (8s)"),
        r.lines());
    assertEquals("", r.err());
    final String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("data-node=\"ha1\" data-lane=\"0\""), html);
    assertTrue(html.contains("clock ha2 - ha1"), "the skew is noted");
    try (var files = Files.list(tmp)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
    }
  }

  @Test
  void refusesToOverwriteUnlessForced() throws IOException {
    final Path ha1 = Incident.failoverHa1(tmp);
    final Path page = Files.writeString(tmp.resolve("t.html"), "mine");
    assertOneLine(
        timeline(2, ha1.toString(), "--out", page.toString()),
        page + " exists; give --force to overwrite it");
    assertEquals("mine", Files.readString(page));
    timeline(0, ha1.toString(), "--out", page.toString(), "--force");
    assertTrue(Files.readString(page).contains("<svg id=\"timeline\""));
  }

  @Test
  void fromAndToShowAWindow() {
    final Path ha1 = Incident.failoverHa1(tmp);
    final Systole.Result r =
        timeline(
            0,
            "--utc",
            ha1.toString(),
            "--from",
            "01:02:08",
            "--to",
            "2026-11-25T01:02:09.623456Z",
            "--out",
            tmp.resolve("w.html").toString());
    assertEquals(
        "1 nodes (ha1), 6 entries, 6 markers, from 2026-11-25 01:02:08.623456 UTC to"
            + " 2026-11-25 01:02:09.623456 UTC (1s)",
        r.lines().get(1));
  }

  @Test
  void badInputIsOneLineAndExit2() {
    final Path ha1 = Incident.failoverHa1(tmp);
    final String out = tmp.resolve("t.html").toString();
    final Path etc = SampleJournals.notAJournal(tmp.resolve("etc"));
    assertOneLine(timeline(2, etc.toString(), "--out", out), etc + " is not a Systole journal");
    assertTrue(
        timeline(2, etc.toString(), "--out", out, "--verbose").err().contains("\tat io.systole"));
    assertOneLine(
        timeline(2, ha1.toString(), ha1.toString(), "--out", out),
        ha1 + " and " + ha1 + " are both journals of node ha1");
    assertOneLine(
        timeline(2, ha1.toString(), "--from", "3", "--out", out),
        "--from 3: give a time; an index names an entry of one journal only");
    assertOneLine(
        timeline(2, ha1.toString(), "--from", "yesterday", "--out", out),
        "--from 'yesterday' is not an index or a time");
    assertOneLine(
        timeline(2, ha1.toString(), "--utc", "--from", "02:00:00", "--out", out),
        "no entry between --from 02:00:00 and --to null");
    assertTrue(timeline(2, ha1.toString()).err().contains("Missing required option: '--out"));
    assertFalse(Files.exists(tmp.resolve("t.html")));
  }
}
