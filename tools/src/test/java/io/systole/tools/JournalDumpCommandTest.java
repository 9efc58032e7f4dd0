package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDumpCommandTest {
  @TempDir Path tmp;

  @Test
  void printsEveryEntryInWords() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Systole.Result r = Systole.journal(0, "dump", dir, "--utc");
    final List<String> lines = r.lines();
    assertEquals(23, lines.size(), r::toString);
    assertEquals(
        "0 2026-11-25 01:02:03.123456 UTC ha1 DaemonStarted version=0.1.0 pid=4242", lines.get(0));
    assertEquals(
        "5 2026-11-25 01:02:08.123456 UTC ha1 NodeDead node=ha2 deadtime=5s"
            + " initdeadInForce=false heartbeatsInWindow=0"
            + " links=[bcast eth1 last heard 01:02:01.100, serial /dev/ttyS0 never heard]",
        lines.get(5));
    assertEquals(
        "9 2026-11-25 01:02:12.123456 UTC ha1 ResourceStop group=web resource=apache"
            + " phase=failed detail=\"exit 1\"",
        lines.get(9));
    assertEquals(
        "10 2026-11-25 01:02:13.123456 UTC ha1 MonitorFailed group=web resource=apache"
            + " detail=\"exit 7 (not running)\"",
        lines.get(10));
    assertEquals(
        "19 2026-11-25 01:02:22.123456 UTC ha1 PingStatus group=gw reachable=false"
            + " detail=\"no reply from 10.0.0.254 for 5 s\"",
        lines.get(19));
    assertEquals(
        "21 2026-11-25 01:02:24.123456 UTC ha1 DaemonStopped reason=SIGTERM", lines.get(21));
    assertTrue(
        lines
            .get(22)
            .matches(
                "22 2026-11-25 01:02:25.123456 UTC ha1 Checkpoint signedIndex=21"
                    + " digest=[0-9a-f]{64} key=[0-9a-f]{32} signature=[0-9a-f]{128}"),
        lines.get(22));
    assertEquals("", r.err());
  }

  @Test
  void fromAndLimitSelectARange() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Systole.Result r =
        Systole.journal(0, "dump", dir, "--utc", "--from", "3", "--limit", "2");
    assertEquals(2, r.lines().size(), r::toString);
    assertTrue(r.lines().get(0).startsWith("3 2026-11-25 01:02:06.123456 UTC ha1 NodeWarn "));
    assertTrue(r.lines().get(1).startsWith("4 2026-11-25 01:02:07.123456 UTC ha1 LinkDead "));

    final Systole.Result atEnd = Systole.journal(0, "dump", dir, "--from", "23");
    assertEquals("", atEnd.out());
  }

  @Test
  void badRangeIsAUsageError() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    final Systole.Result past = Systole.journal(2, "dump", dir, "--from", "9");
    assertTrue(past.err().contains("from index 9: the journal ends at 4"), past::toString);

    final Systole.Result negative = Systole.journal(2, "dump", dir, "--from", "-1");
    assertTrue(negative.err().contains("--from must be 0 or more"), negative::toString);
  }

  @Test
  void corruptEntryIsMarkedAndTheDumpGoesOn() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    SampleJournals.tamper(dir);
    final Systole.Result r = Systole.journal(1, "dump", dir, "--utc");
    final List<String> lines = r.lines();
    assertEquals(5, lines.size(), r::toString);
    assertTrue(
        lines.get(1).startsWith("1 2026-11-25 01:02:04.123456 UTC ha1 NodeUp "), r::toString);
    assertTrue(lines.get(2).startsWith("2 ERROR journal entry 2 is corrupt: "), r::toString);
    assertTrue(lines.get(3).startsWith("3 2026-11-25 01:02:06.123456 UTC ha1 GroupStart "));
    assertTrue(lines.get(4).startsWith("4 2026-11-25 01:02:07.123456 UTC ha1 GroupStart "));
    assertTrue(r.err().contains("1 entry could not be read"), r::toString);
  }

  @Test
  void followPrintsEntriesAsTheyAreAppendedUntilInterrupted() throws InterruptedException {
    final Path dir = tmp.resolve("ha1");
    try (ChronicleJournal writer = ChronicleJournal.open(dir, ChronicleOptions.forNode("ha1"))) {
      writer.append(SampleJournals.T0, new NodeUp("ha2", "bcast eth1"));
      final StringWriter out = new StringWriter();
      final StringWriter err = new StringWriter();
      final AtomicInteger status = new AtomicInteger(-1);
      final Thread runner =
          new Thread(
              () ->
                  status.set(Systole.run(out, err, "journal", "dump", "--follow", dir.toString())),
              "dump-follow");
      runner.start();
      awaitLines(out, 1);
      writer.append(SampleJournals.T0 + 1, new GroupStop("web", Phase.REQUESTED, "standby"));
      writer.append(SampleJournals.T0 + 2, new GroupStop("web", Phase.SUCCEEDED, ""));
      awaitLines(out, 3);
      runner.interrupt();
      runner.join(TimeUnit.SECONDS.toMillis(10));
      assertEquals(0, status.get(), () -> out + "\n" + err);
      final List<String> lines = out.toString().lines().toList();
      assertTrue(lines.get(2).startsWith("2 "), lines::toString);
      assertTrue(lines.get(2).endsWith(" ha1 GroupStop group=web phase=succeeded detail=\"\""));
    }
  }

  private static void awaitLines(final StringWriter out, final int lines)
      throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.toString().lines().count() < lines) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + lines + " lines, got:\n" + out);
      }
      Thread.sleep(5);
    }
  }
}
