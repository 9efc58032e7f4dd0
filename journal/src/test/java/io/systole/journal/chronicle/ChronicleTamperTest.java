package io.systole.journal.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalReader;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.codec.FrameLayout;
import io.systole.journal.codec.Frames;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries changed on disk after they were written: the audit names the index, and a reader raises a
 * clear error for that entry and goes on with the next, never returning garbage.
 */
class ChronicleTamperTest {
  private static final int ENTRIES = 20;

  @TempDir Path dir;
  private final List<byte[]> frames = new ArrayList<>();

  /** Entries of equal length, each with a marker that locates it in the file. */
  @BeforeEach
  void write() {
    try (ChronicleJournal j = ChronicleJournal.open(dir, ChronicleOptions.forNode("ha1"))) {
      for (int i = 0; i < ENTRIES; i++) {
        j.append(1_790_000_000_000_000L + i, new GroupStart("g1", Phase.REQUESTED, marker(i)));
      }
      try (JournalReader r = j.reader(0)) {
        while (r.pollFrame(
            (position, buffer, length) -> frames.add(Arrays.copyOf(buffer, length)))) {
          // collect every frame
        }
      }
    }
  }

  private static String marker(final int i) {
    return String.format("entry-marker-%04d", i);
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private AuditReport audit() {
    try (ChronicleJournal j = ChronicleJournal.openReadOnly(dir)) {
      return Auditor.audit(j);
    }
  }

  /** Reads every entry, collecting each error's index in place of its entry. */
  private List<Object> readAll() {
    final List<Object> out = new ArrayList<>();
    try (ChronicleJournal j = ChronicleJournal.openReadOnly(dir);
        JournalReader r = j.reader(0)) {
      while (true) {
        try {
          final Entry e = r.poll();
          if (e == null) {
            return out;
          }
          out.add(e.index());
        } catch (JournalCorruptException e) {
          out.add(e);
        }
      }
    }
  }

  @Test
  void untouchedJournalIsIntact() {
    final AuditReport report = audit();
    assertTrue(report.intact(), report.summary());
    assertEquals(ENTRIES, report.entries());
  }

  @Test
  void oneFlippedPayloadByteIsNamedByAuditAndReader() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    JournalFiles.flip(file, JournalFiles.find(file, bytes(marker(7))) + 3);

    final AuditReport report = audit();
    assertFalse(report.intact());
    assertEquals(7, report.breakIndex(), report.summary());
    assertTrue(report.summary().startsWith("chain broken at index 7: journal entry 7 is corrupt"));

    final List<Object> read = readAll();
    assertEquals(ENTRIES, read.size(), "the reader goes on after the damaged entry");
    final JournalCorruptException e = (JournalCorruptException) read.get(7);
    assertEquals(7, e.index());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertEquals(8L, read.get(8));
  }

  @Test
  void aWholeEntryOverwrittenByAnotherIsNamed() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    JournalFiles.write(file, JournalFiles.find(file, frames.get(11)), frames.get(3));

    final AuditReport report = audit();
    assertEquals(11, report.breakIndex(), report.summary());
    final JournalCorruptException e = (JournalCorruptException) readAll().get(11);
    assertTrue(e.getMessage().contains("entry 11 is corrupt: it claims index 3"), e.getMessage());
  }

  @Test
  void aForgedEntryWithAValidChecksumIsCaughtByTheChain() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    final byte[] forged = frames.get(5).clone();
    final int at = indexOf(forged, bytes(marker(5)));
    forged[at] = 'E';
    Frames.sealCrc(forged, forged.length);
    JournalFiles.write(file, JournalFiles.find(file, frames.get(5)), forged);

    assertEquals(ENTRIES, readAll().size(), "a careful forgery passes the cheap check...");
    final AuditReport report = audit();
    assertEquals(5, report.breakIndex(), "...but not the chain: " + report.summary());
    assertTrue(report.breakReason().contains("chain digest does not match"), report.breakReason());
  }

  @Test
  void aDamagedOldestEntryIsNamedNotTrustedForNumbering() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    JournalFiles.flip(file, JournalFiles.find(file, frames.get(0)) + FrameLayout.INDEX_OFFSET);
    final AuditReport report = audit();
    assertEquals(0, report.breakIndex(), report.summary());
    assertTrue(report.breakReason().contains("oldest entry"), report.breakReason());
  }

  @Test
  void aDamagedNewestEntryStillLetsEveryEarlierEntryBeRead() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    JournalFiles.flip(file, JournalFiles.find(file, bytes(marker(ENTRIES - 1))));
    final List<Object> read = readAll();
    assertEquals(ENTRIES, read.size());
    assertEquals((long) ENTRIES - 2, read.get(ENTRIES - 2));
    assertEquals(ENTRIES - 1, ((JournalCorruptException) read.get(ENTRIES - 1)).index());
    assertEquals(ENTRIES - 1, audit().breakIndex());
  }

  @Test
  void aChangedDigestIsNamed() throws Exception {
    final Path file = JournalFiles.onlyCycleFile(dir);
    final byte[] frame = frames.get(15);
    JournalFiles.flip(
        file, JournalFiles.find(file, frame) + FrameLayout.digestOffset(frame.length));
    assertEquals(15, audit().breakIndex());
  }

  private static int indexOf(final byte[] haystack, final byte[] needle) {
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalStateException("marker not in frame");
  }
}
