package io.systole.bench;

import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sequential read throughput, in entries per second, over a {@link StoredJournal} of a million
 * typical entries. {@link #decode} reads, verifies (length, CRC32C, index) and decodes every entry
 * into an {@link Entry}, as replay does (target: at least 5 million a second). {@link #frames} only
 * copies each frame out through {@link JournalReader#pollFrame}, and {@link #chronicleRaw} is the
 * baseline: a bare Chronicle tailer copying the same documents into a buffer, with no decoding.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalRead extends RunLength {
  /** A bare read-only Chronicle Queue over the stored journal's directory. */
  @State(Scope.Benchmark)
  public static class Raw {
    SingleChronicleQueue queue;

    /** Opens the queue. */
    @Setup(Level.Trial)
    public void open(final StoredJournal stored) {
      queue =
          SingleChronicleQueueBuilder.binary(stored.dir)
              .rollCycle(RollCycles.FAST_DAILY)
              .readOnly(true)
              .build();
    }

    /** Closes the queue. */
    @TearDown(Level.Trial)
    public void close() {
      queue.close();
    }
  }

  /** Reads, verifies and decodes every entry. */
  @Benchmark
  @OperationsPerInvocation(StoredJournal.ENTRIES)
  public long decode(final StoredJournal stored, final Blackhole bh) {
    long n = 0;
    try (JournalReader reader = stored.journal.reader(0)) {
      Entry entry;
      while ((entry = reader.poll()) != null) {
        bh.consume(entry);
        n++;
      }
    }
    return StoredJournal.expectAll(n, "decode");
  }

  /** Copies every frame out through the journal's reader, without verifying or decoding. */
  @Benchmark
  @OperationsPerInvocation(StoredJournal.ENTRIES)
  public long frames(final StoredJournal stored, final Blackhole bh) {
    final JournalReader.FrameHandler handler = (position, buffer, length) -> bh.consume(length);
    long n = 0;
    try (JournalReader reader = stored.journal.reader(0)) {
      while (reader.pollFrame(handler)) {
        n++;
      }
    }
    return StoredJournal.expectAll(n, "frames");
  }

  /** Baseline: a bare Chronicle tailer copies every document into a buffer. */
  @Benchmark
  @OperationsPerInvocation(StoredJournal.ENTRIES)
  public long chronicleRaw(final Raw raw, final Blackhole bh) {
    final byte[] buffer = new byte[4096];
    long n = 0;
    try (ExcerptTailer tailer = raw.queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          final Bytes<?> bytes = dc.wire().bytes();
          final int length = (int) Math.min(bytes.readRemaining(), buffer.length);
          bytes.read(buffer, 0, length);
          bh.consume(length);
          n++;
        }
      }
    }
    return StoredJournal.expectAll(n, "chronicleRaw");
  }
}
