package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.codec.FrameLayout;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged or newer journal: replay stops at a tampered entry and names the directory and index,
 * goes past it with {@code --force} (reporting it on stderr and marking its place in the output),
 * and an entry of a newer Systole names the directory, the index, its type and version, and says to
 * read it with a newer Systole.
 */
class JournalForceTest {
  @TempDir Path tmp;

  private Path tampered() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    SampleJournals.tamper(dir);
    return dir;
  }

  @Test
  void forceGoesPastATamperedEntryAndMarksItsPlace() {
    final Path dir = tampered();
    final Systole.Result r = Systole.journal(1, "replay", dir, "--utc", "--force");
    final List<String> entries = r.lines().stream().filter(l -> !l.startsWith("  ")).toList();
    assertEquals(5, entries.size(), r::toString);
    assertTrue(
        entries.get(1).startsWith("1 2026-11-25 01:02:04.123456 UTC ha1 NodeUp "), r::toString);
    assertTrue(
        entries
            .get(2)
            .startsWith("! entry 2 skipped (--force), it cannot be read: journal entry 2"),
        r::toString);
    assertTrue(entries.get(3).startsWith("3 2026-11-25 01:02:06.123456 UTC ha1 GroupStart "));
    assertTrue(entries.get(4).startsWith("4 "), r::toString);
    assertTrue(
        r.err()
            .startsWith("systole journal replay: --force: skipped entry 2 of " + dir + ", which"),
        r::toString);

    final Systole.Result json = Systole.journal(1, "replay", dir, "--force", "--json");
    final Object skipped = Json.parse(json.lines().get(2));
    assertEquals("skipped", Json.at(skipped, "type"));
    assertEquals(2L, Json.at(skipped, "index"));

    final Systole.Result check = Systole.journal(1, "replay", dir, "--force", "--check");
    assertTrue(check.lines().get(0).startsWith("! entry 2 skipped"), check::toString);
    assertTrue(check.lines().get(1).startsWith("replay check "), check::toString);
  }

  @Test
  void anEntryOfANewerSystoleNamesTheDirectoryIndexTypeAndVersion() throws Exception {
    final Path dir = tmp.resolve("ha1");
    try (ChronicleJournal j = ChronicleJournal.open(dir, ChronicleOptions.forNode("ha1"))) {
      j.append(SampleJournals.T0, new DaemonStarted("0.1.0", 1));
    }
    final byte[] frame = newerFrame();
    try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
        ExcerptAppender a = q.createAppender();
        DocumentContext dc = a.writingDocument()) {
      dc.wire().bytes().write(frame);
    }
    final Systole.Result r = Systole.journal(1, "replay", dir, "--utc");
    assertEquals(1, r.lines().stream().filter(l -> !l.startsWith("  ")).count(), r::toString);
    final String err = r.err().strip();
    assertTrue(
        err.startsWith("systole journal replay: cannot replay " + dir + ": journal entry 1"), err);
    assertTrue(err.contains("version 9"), err);
    assertTrue(err.contains("DAEMON_STOPPED is read up to version"), err);
    assertTrue(err.contains("or a newer one"), err);
  }

  /** Entry 1 as a newer Systole would write it: DaemonStopped at event version 9, CRC resealed. */
  private byte[] newerFrame() {
    final byte[] frame;
    try (ChronicleJournal model =
        ChronicleJournal.open(tmp.resolve("model"), ChronicleOptions.forNode("ha1"))) {
      model.append(SampleJournals.T0, new DaemonStarted("0.1.0", 1));
      model.append(SampleJournals.T0 + 1, new DaemonStopped("newer"));
      try (JournalReader reader = model.reader(1)) {
        final byte[][] out = new byte[1][];
        reader.pollFrame((p, b, len) -> out[0] = Arrays.copyOf(b, len));
        frame = out[0];
      }
    }
    frame[FrameLayout.VERSION_OFFSET] = 9;
    final CRC32C crc = new CRC32C();
    final int at = FrameLayout.crcOffset(frame.length);
    crc.update(frame, 0, at);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) crc.getValue());
    return frame;
  }
}
