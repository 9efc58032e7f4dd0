package io.systole.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Journal} store owes its users. Each store's test extends this class
 * and says how to open a journal; the same assertions then run against both.
 */
public abstract class JournalContract {
  private static final long SEED = 0xC0FFEEL;
  private static final long T0 = 1_790_000_000_000_000L;

  protected Journal journal;

  /** Opens a new, empty journal for node "ha1". */
  protected abstract Journal openEmpty();

  @BeforeEach
  void open() {
    journal = openEmpty();
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  /** Appends {@code n} seeded events at one-second steps and returns what was written. */
  protected List<Entry> appendSome(final int n) {
    final EventGenerator gen = new EventGenerator(SEED);
    final List<Entry> written = new ArrayList<>();
    final long base = journal.lastIndex() + 1;
    for (int i = 0; i < n; i++) {
      final Event e = gen.next();
      final long t = T0 + (base + i) * 1_000_000L;
      final long index = journal.append(t, e);
      assertEquals(base + i, index, "indexes are dense");
      written.add(new Entry(index, t, "ha1", e));
    }
    return written;
  }

  /** Reads every entry from {@code from} to the current end. */
  protected List<Entry> readAll(final long from) {
    final List<Entry> read = new ArrayList<>();
    try (JournalReader reader = journal.reader(from)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        read.add(e);
      }
    }
    return read;
  }

  @Test
  void emptyJournalHasNoEntries() {
    assertEquals(Journal.NONE, journal.firstIndex());
    assertEquals(Journal.NONE, journal.lastIndex());
    assertEquals(List.of(), readAll(0));
    final AuditReport report = Auditor.audit(journal);
    assertTrue(report.intact());
    assertEquals(0, report.entries());
  }

  @Test
  void readsBackExactlyWhatWasAppended() {
    final List<Entry> written = appendSome(500);
    assertEquals(0, journal.firstIndex());
    assertEquals(499, journal.lastIndex());
    assertEquals(written, readAll(0));
  }

  @Test
  void readsFromAnyIndex() {
    final List<Entry> written = appendSome(300);
    for (final int from : new int[] {1, 150, 299, 300}) {
      assertEquals(written.subList(from, 300), readAll(from), "from " + from);
    }
    assertThrows(IllegalArgumentException.class, () -> journal.reader(302));
  }

  @Test
  void stampsWithTheJournalsClockAndNode() {
    final long index = journal.append(new NodeUp("ha2", "bcast eth1"));
    final Entry e = readAll(index).get(0);
    assertEquals("ha1", e.node());
    assertEquals(expectedClockMicros(), e.timeMicros());
  }

  /** The time the store's clock gives (tests open journals with a fixed clock). */
  protected abstract long expectedClockMicros();

  @Test
  void readerFollowsTheTail() throws Exception {
    appendSome(3);
    try (JournalReader reader = journal.reader(3)) {
      assertNull(reader.poll());
      journal.append(T0, new DaemonStarted("0.1", 42));
      assertEquals(new DaemonStarted("0.1", 42), reader.poll().event());
      assertNull(reader.poll());
    }
    // The journal has one writer (this thread); a reader on another thread waits for its append.
    final CompletableFuture<Entry> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try (JournalReader reader = journal.reader(4)) {
                return reader.next(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
              }
            });
    Thread.sleep(100);
    final long index = journal.append(T0, new GroupStart("g1", Phase.REQUESTED, "ha2 dead"));
    final Entry e = waiting.get(20, TimeUnit.SECONDS);
    assertEquals(new GroupStart("g1", Phase.REQUESTED, "ha2 dead"), e.event());
    assertEquals(index, e.index());
  }

  @Test
  void nextTimesOutWithNull() throws Exception {
    try (JournalReader reader = journal.reader(0)) {
      assertNull(reader.next(20, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void auditFindsAnIntactChain() {
    final List<Entry> written = appendSome(1000);
    final AuditReport report = Auditor.audit(journal);
    assertTrue(report.intact(), report.summary());
    assertEquals(1000, report.entries());
    assertEquals(0, report.firstIndex());
    assertEquals(999, report.lastIndex());
    assertEquals(written.get(0).timeMicros(), report.firstTimeMicros());
    assertEquals(written.get(999).timeMicros(), report.lastTimeMicros());
    assertEquals("1000 entries, chain intact", report.summary());
  }

  @Test
  void aRefusedEventLeavesTheChainWhereItWas() {
    appendSome(2);
    assertThrows(IllegalArgumentException.class, () -> journal.append(T0, new NodeUp(null, "x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> journal.append(T0, new GroupStart("g1", null, "reason")));
    assertEquals(1, journal.lastIndex());
    assertEquals(2, journal.append(T0, new NodeUp("ha2", "x")));
    assertTrue(Auditor.audit(journal).intact());
  }

  @Test
  void closedJournalRefusesUse() {
    journal.close();
    final JournalException e =
        assertThrows(JournalException.class, () -> journal.append(T0, new NodeUp("a", "b")));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(JournalException.class, () -> journal.reader(0));
  }
}
