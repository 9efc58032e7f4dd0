package io.systole.journal.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.EpochMicrosClock;
import io.systole.journal.JournalReader;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.DaemonStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roll cycles and retention: old cycle files go, the rest of the journal stays readable. */
class ChronicleRetentionTest {
  @TempDir Path dir;

  private static ChronicleOptions secondly() {
    return ChronicleOptions.forNode("ha1").withRollCycle(TestRollCycles.TEST_SECONDLY);
  }

  /** Appends one entry every 100 ms for {@code millis}; returns how many. */
  private static int appendFor(final ChronicleJournal j, final long millis) throws Exception {
    final long end = System.currentTimeMillis() + millis;
    int n = 0;
    while (System.currentTimeMillis() < end) {
      j.append(new DaemonStarted("0.1", n++));
      Thread.sleep(100);
    }
    return n;
  }

  private static List<Entry> readAll(final ChronicleJournal j) {
    final List<Entry> out = new ArrayList<>();
    try (JournalReader r = j.reader(0)) {
      for (Entry e = r.poll(); e != null; e = r.poll()) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void journalRollsAcrossCyclesAndReadsAcrossThem() throws Exception {
    final int n;
    try (ChronicleJournal j = ChronicleJournal.open(dir, secondly())) {
      n = appendFor(j, 2_500);
    }
    assertTrue(CycleFiles.list(dir).size() >= 3, "one file per second: " + CycleFiles.list(dir));
    try (ChronicleJournal ro = ChronicleJournal.openReadOnly(dir)) {
      final List<Entry> all = readAll(ro);
      assertEquals(n, all.size());
      for (int i = 0; i < n; i++) {
        assertEquals(i, all.get(i).index());
      }
      final int mid = n / 2;
      try (JournalReader r = ro.reader(mid)) {
        assertEquals(mid, r.poll().index(), "seeks into a middle cycle");
      }
      assertTrue(Auditor.audit(ro).intact());
    }
  }

  @Test
  void sizeLimitDeletesOldestCyclesAsTheJournalRolls() throws Exception {
    final int n;
    try (ChronicleJournal j = ChronicleJournal.open(dir, secondly().withRetainBytes(1))) {
      n = appendFor(j, 3_500);
      final long first = j.firstIndex();
      assertTrue(first > 0, "the oldest cycles were deleted");
      assertTrue(CycleFiles.list(dir).size() <= 2, CycleFiles.list(dir).toString());
      final List<Entry> kept = readAll(j);
      assertEquals(first, kept.get(0).index(), "reading from 0 starts at the oldest kept entry");
      assertEquals(n - 1, kept.get(kept.size() - 1).index());
      final AuditReport report = Auditor.audit(j);
      assertTrue(report.intact(), report.summary());
      assertFalse(report.fromGenesis());
      assertTrue(report.summary().contains("older entries were removed by retention"));
    }
  }

  @Test
  void ageLimitDeletesOldCyclesAtOpen() throws Exception {
    final int n;
    try (ChronicleJournal j = ChronicleJournal.open(dir, secondly())) {
      n = appendFor(j, 2_500);
    }
    final int files = CycleFiles.list(dir).size();
    final EpochMicrosClock twoHoursLater =
        () -> EpochMicrosClock.SYSTEM.nowMicros() + Duration.ofHours(2).toNanos() / 1_000;
    final ChronicleOptions aged =
        secondly().withRetainAge(Duration.ofHours(1)).withClock(twoHoursLater);
    try (ChronicleJournal j = ChronicleJournal.open(dir, aged)) {
      assertEquals(1, CycleFiles.list(dir).size(), "all but the newest of " + files + " deleted");
      assertEquals(n - 1, j.lastIndex());
      assertEquals(n, j.append(new DaemonStarted("0.1", n)), "the chain goes on");
      assertTrue(Auditor.audit(j).intact());
    }
  }
}
