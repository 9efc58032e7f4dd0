package io.systole.journal.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalContract;
import io.systole.journal.JournalException;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.DaemonStopped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on the Chronicle store, plus what only a store on disk can do. */
class ChronicleJournalContractTest extends JournalContract {
  private static final long NOW = 1_800_000_000_654_321L;

  @TempDir Path dir;

  @Override
  protected Journal openEmpty() {
    return ChronicleJournal.open(dir.resolve("journal"), options());
  }

  private static ChronicleOptions options() {
    return ChronicleOptions.forNode("ha1").withClock(() -> NOW);
  }

  @Override
  protected long expectedClockMicros() {
    return NOW;
  }

  @Test
  void reopenContinuesTheIndexAndTheChain() {
    final List<Entry> first = appendSome(100);
    journal.close();
    journal = ChronicleJournal.open(dir.resolve("journal"), options());
    assertEquals(99, journal.lastIndex());
    final List<Entry> all = new ArrayList<>(first);
    all.addAll(appendSome(50));
    assertEquals(all, readAll(0));
    final AuditReport report = Auditor.audit(journal);
    assertTrue(report.intact(), report.summary());
    assertEquals(150, report.entries());
  }

  @Test
  void readOnlyOpenReadsButRefusesAppends() {
    final List<Entry> written = appendSome(20);
    try (ChronicleJournal ro = ChronicleJournal.openReadOnly(dir.resolve("journal"))) {
      assertEquals("ha1", ro.node());
      assertEquals(19, ro.lastIndex());
      final JournalException e =
          assertThrows(JournalException.class, () -> ro.append(new DaemonStopped("x")));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      final List<Entry> read = new ArrayList<>();
      try (var reader = ro.reader(0)) {
        for (Entry en = reader.poll(); en != null; en = reader.poll()) {
          read.add(en);
        }
      }
      assertEquals(written, read);
      journal.append(new DaemonStopped("later"));
      assertEquals(20, ro.lastIndex(), "a read-only journal sees the writer's appends");
    }
  }

  @Test
  void anotherNodesJournalIsRefused() {
    appendSome(1);
    journal.close();
    final JournalException e =
        assertThrows(
            JournalException.class,
            () -> ChronicleJournal.open(dir.resolve("journal"), ChronicleOptions.forNode("ha2")));
    assertTrue(e.getMessage().contains("belongs to node ha1, not ha2"), e.getMessage());
    journal = openEmpty();
  }
}
