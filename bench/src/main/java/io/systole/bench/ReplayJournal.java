package io.systole.bench;

import io.systole.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A {@link SyntheticJournal} of a million entries the real logic wrote, so that every decision in
 * it re-derives: written once per trial (not measured) into a temporary directory, opened read-only
 * as the tools open it, and as a bare Chronicle queue for the baseline, which copies every document
 * out with no verifying or decoding. Shared by the replay and audit benchmarks.
 */
@State(Scope.Benchmark)
public class ReplayJournal {
  /** How many entries the journal holds: one benchmark operation is one entry. */
  public static final int ENTRIES = 1_000_000;

  Path dir;
  ChronicleJournal journal;
  SingleChronicleQueue queue;

  /** The entries actually written (the last cycle may run past {@link #ENTRIES}). */
  long written;

  /** Writes the journal and opens it both ways. */
  @Setup(Level.Trial)
  public void write() {
    dir = SyntheticJournal.write(BenchFiles.tempDir("systole-replay-"), ENTRIES);
    journal = ChronicleJournal.openReadOnly(dir);
    written = journal.lastIndex() + 1;
    queue =
        SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(true)
            .build();
  }

  /** Closes both and deletes the journal. */
  @TearDown(Level.Trial)
  public void delete() {
    queue.close();
    journal.close();
    BenchFiles.delete(dir);
  }

  /** The baseline: copies every document of the queue into a buffer; returns how many. */
  long chronicleRaw(final Blackhole bh) {
    final byte[] buffer = new byte[4096];
    long n = 0;
    try (ExcerptTailer tailer = queue.createTailer()) {
      for (DocumentContext dc = tailer.readingDocument(); dc.isPresent(); ) {
        final Bytes<?> bytes = dc.wire().bytes();
        final int length = (int) Math.min(bytes.readRemaining(), buffer.length);
        bytes.read(buffer, 0, length);
        bh.consume(length);
        n++;
        dc.close();
        dc = tailer.readingDocument();
      }
    }
    return expectAll(n, "chronicleRaw");
  }

  /** Fails the benchmark when an operation saw another number of entries than were written. */
  long expectAll(final long seen, final String what) {
    if (seen != written) {
      throw new IllegalStateException(what + " saw " + seen + " entries, not " + written);
    }
    return seen;
  }
}
