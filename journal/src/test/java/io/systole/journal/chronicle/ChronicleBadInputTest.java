package io.systole.journal.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.JournalReader;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.codec.EventType;
import io.systole.journal.codec.FrameLayout;
import io.systole.journal.codec.Frames;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories and files that are not a journal this build can read: a clear error for each. */
class ChronicleBadInputTest {
  @TempDir Path dir;
  @TempDir Path modelDir;

  private static ChronicleOptions ha1() {
    return ChronicleOptions.forNode("ha1");
  }

  private void writeEntries(final int n) {
    try (ChronicleJournal j = ChronicleJournal.open(dir, ha1())) {
      for (int i = 0; i < n; i++) {
        j.append(new DaemonStarted("0.1", i));
      }
    }
  }

  private static void assertMessage(final Exception e, final String... parts) {
    for (final String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void aFileIsNotAJournalDirectory() throws Exception {
    final Path file = Files.writeString(dir.resolve("plain"), "hello");
    assertMessage(
        assertThrows(JournalException.class, () -> ChronicleJournal.open(file, ha1())),
        "is a file");
    assertMessage(
        assertThrows(JournalException.class, () -> ChronicleJournal.openReadOnly(file)),
        "not a directory");
  }

  @Test
  void aDirectoryWithOtherFilesIsNotAJournal() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "my files");
    final JournalFormatException e =
        assertThrows(JournalFormatException.class, () -> ChronicleJournal.open(dir, ha1()));
    assertMessage(e, dir.toString(), "is not a Systole journal", "journal.meta");
    assertEquals(
        "my files", Files.readString(dir.resolve("notes.txt")), "nothing was written over");
    assertFalse(Files.exists(dir.resolve("journal.meta")));
    assertThrows(JournalFormatException.class, () -> ChronicleJournal.openReadOnly(dir));
  }

  @Test
  void anEmptyDirectoryIsNotAJournalToRead() {
    assertMessage(
        assertThrows(JournalFormatException.class, () -> ChronicleJournal.openReadOnly(dir)),
        "is empty: no journal has been written there yet");
  }

  @Test
  void aMissingDirectoryIsNotOpenedReadOnly() {
    assertThrows(JournalException.class, () -> ChronicleJournal.openReadOnly(dir.resolve("none")));
  }

  @Test
  void aJournalOfANewerFormatIsRefused() throws Exception {
    writeEntries(1);
    final Path meta = dir.resolve("journal.meta");
    Files.writeString(meta, Files.readString(meta).replace("format=1", "format=9"));
    final JournalFormatException e =
        assertThrows(JournalFormatException.class, () -> ChronicleJournal.open(dir, ha1()));
    assertMessage(e, "newer Systole", "journal format 9", "reads up to 1");
    assertThrows(JournalFormatException.class, () -> ChronicleJournal.openReadOnly(dir));
  }

  @Test
  void anEmptyMarkerIsRefused() throws Exception {
    writeEntries(1);
    Files.write(dir.resolve("journal.meta"), new byte[0]);
    assertMessage(
        assertThrows(JournalFormatException.class, () -> ChronicleJournal.open(dir, ha1())),
        "journal.meta is empty or damaged");
  }

  @Test
  void anEmptiedCycleFileIsSetAsideButTheLostEntriesAreNamed() throws Exception {
    writeEntries(10);
    final Path file = JournalFiles.onlyCycleFile(dir);
    JournalFiles.truncate(file, 0);
    assertMessage(
        assertThrows(JournalCorruptException.class, () -> ChronicleJournal.openReadOnly(dir)),
        file.toString(),
        "is empty (no header): its writer was killed while creating it",
        "mv " + file);
    // The writer sets an empty newest file aside (a crash while creating it leaves one), and the
    // tail mark of the last clean close still tells that ten entries are gone.
    assertMessage(
        assertThrows(JournalCorruptException.class, () -> ChronicleJournal.open(dir, ha1())),
        "ends at index -1 but held entry 9");
    assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".aborted")));
  }

  @Test
  void aTruncatedCycleFileIsNamed() throws Exception {
    writeEntries(1000);
    final Path file = JournalFiles.onlyCycleFile(dir);
    for (final long cut : new long[] {Files.size(file) / 2, 70_000, 100}) {
      JournalFiles.truncate(file, cut);
      assertMessage(
          assertThrows(JournalCorruptException.class, () -> ChronicleJournal.openReadOnly(dir)),
          file.toString(),
          "truncated",
          cut + " bytes");
    }
  }

  @Test
  void lostNewestEntriesAreNoticedBeforeAnythingIsAppended() throws Exception {
    writeEntries(1000);
    final Path file = JournalFiles.onlyCycleFile(dir);
    final byte[] entry600;
    try (ChronicleJournal j = ChronicleJournal.openReadOnly(dir);
        JournalReader r = j.reader(600)) {
      final byte[][] out = new byte[1][];
      r.pollFrame((p, b, len) -> out[0] = Arrays.copyOf(b, len));
      entry600 = out[0];
    }
    // A lost page: the file keeps its length, the newest entries read as zeros.
    JournalFiles.write(file, JournalFiles.find(file, entry600) - 4, new byte[200_000]);
    // Chronicle with assertions on notices itself; with them off (production) only the tail mark
    // does. Both the writer and a read-only open (audit, replay) refuse to carry on.
    for (final JournalCorruptException e :
        List.of(
            assertThrows(JournalCorruptException.class, () -> ChronicleJournal.open(dir, ha1())),
            assertThrows(
                JournalCorruptException.class, () -> ChronicleJournal.openReadOnly(dir)))) {
      assertTrue(
          e.getMessage().contains("cannot find its newest entry")
              || e.getMessage().matches(".*ends at index \\d+ but held entry 999 .*"),
          e.getMessage());
    }
  }

  @Test
  void anUnknownEventTypeNamesIndexTypeAndVersion() {
    assertRawEntryRefused(frame -> Frames.retype(frame, frame.length, 222, 1), "type id 222");
  }

  @Test
  void aNewerEventVersionNamesIndexTypeAndVersion() {
    assertRawEntryRefused(
        frame -> Frames.retype(frame, frame.length, EventType.DAEMON_STOPPED.id(), 3),
        "type id 61 version 3");
  }

  @Test
  void anEntryOfANewerFrameFormatIsRefused() {
    assertRawEntryRefused(
        frame -> {
          frame[FrameLayout.FORMAT_OFFSET] = 2;
          Frames.sealCrc(frame, frame.length);
        },
        "frame format 2");
  }

  /**
   * Writes entry 0 normally, then entry 1 as raw bytes changed by {@code change} (a newer Systole's
   * entry), straight into the queue with a valid checksum; reading entry 1 must fail with a format
   * error that names it.
   */
  private void assertRawEntryRefused(final Consumer<byte[]> change, final String expected) {
    writeEntries(1);
    final byte[] entry1;
    try (ChronicleJournal model = ChronicleJournal.open(modelDir, ha1())) {
      model.append(new DaemonStarted("0.1", 0));
      model.append(new DaemonStopped("newer"));
      try (JournalReader r = model.reader(1)) {
        final byte[][] out = new byte[1][];
        r.pollFrame((p, b, len) -> out[0] = Arrays.copyOf(b, len));
        entry1 = out[0];
      }
    }
    change.accept(entry1);
    try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
        ExcerptAppender a = q.createAppender();
        DocumentContext dc = a.writingDocument()) {
      dc.wire().bytes().write(entry1);
    }
    try (ChronicleJournal j = ChronicleJournal.openReadOnly(dir);
        JournalReader r = j.reader(0)) {
      assertEquals(0, r.poll().index());
      final JournalFormatException e = assertThrows(JournalFormatException.class, r::poll);
      assertEquals(1, e.index());
      assertMessage(e, "journal entry 1", expected);
      final AuditReport report = Auditor.audit(j);
      assertEquals(1, report.breakIndex(), report.summary());
    }
  }
}
