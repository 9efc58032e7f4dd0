package io.systole.bench;

import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameEncoder;
import io.systole.journal.event.NodeDead;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The latency of one journal append, next to its baseline. {@link #journal} appends the typical
 * {@link NodeDead} entry through {@link ChronicleJournal#append(io.systole.journal.event.Event)}:
 * clock, encode, BLAKE3 chain digest, CRC32C, one Chronicle document. {@link #chronicleRaw} writes
 * the same number of bytes as one Chronicle document, with neither our codec nor the chain. {@link
 * #journalStamped} is the append with a caller-supplied time (no clock read). The figure that
 * matters is the ratio journal / chronicleRaw at p50 and p99 (target: at most 1.5). Each iteration
 * writes into a fresh directory, deleted after it, so that disk use stays bounded.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalAppend extends RunLength {
  /** Our journal, opened in a fresh directory for each iteration. */
  @State(Scope.Thread)
  public static class Ours {
    NodeDead event;
    Path dir;
    ChronicleJournal journal;

    /** Opens the journal. */
    @Setup(Level.Iteration)
    public void open() {
      event = TypicalEvents.nodeDead();
      dir = BenchFiles.tempDir("systole-append-");
      journal = ChronicleJournal.open(dir, ChronicleOptions.forNode(TypicalEvents.WRITER));
    }

    /** Closes the journal and deletes its directory. */
    @TearDown(Level.Iteration)
    public void close() {
      journal.close();
      BenchFiles.delete(dir);
    }
  }

  /** A bare Chronicle Queue and a frame's worth of bytes, for the baseline. */
  @State(Scope.Thread)
  public static class Raw {
    byte[] frame;
    int length;
    Path dir;
    SingleChronicleQueue queue;
    ExcerptAppender appender;

    /** Encodes the typical event once to learn its length, then opens the queue. */
    @Setup(Level.Iteration)
    public void open() {
      final FrameEncoder encoder = new FrameEncoder(TypicalEvents.WRITER, 0, ChainHash.genesis());
      length = encoder.encode(TypicalEvents.T0_MICROS, TypicalEvents.nodeDead());
      frame = Arrays.copyOf(encoder.buffer(), length);
      dir = BenchFiles.tempDir("systole-append-raw-");
      queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
      appender = queue.createAppender();
    }

    /** Closes the queue and deletes its directory. */
    @TearDown(Level.Iteration)
    public void close() {
      appender.close();
      queue.close();
      BenchFiles.delete(dir);
    }
  }

  /** Appends the typical event to our journal. */
  @Benchmark
  public long journal(final Ours s) {
    return s.journal.append(s.event);
  }

  /**
   * The same append with the time given by the caller, as the cluster agent can do with a clock it
   * reads once per duty cycle: the journal's cost without the per-append clock read.
   */
  @Benchmark
  public long journalStamped(final Ours s) {
    return s.journal.append(TypicalEvents.T0_MICROS, s.event);
  }

  /** Baseline: writes the same number of bytes as one Chronicle document. */
  @Benchmark
  public void chronicleRaw(final Raw s) {
    try (DocumentContext dc = s.appender.writingDocument()) {
      dc.wire().bytes().write(s.frame, 0, s.length);
    }
  }
}
