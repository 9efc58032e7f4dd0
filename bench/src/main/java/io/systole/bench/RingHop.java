package io.systole.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.systole.engine.agent.NodeRuntime;
import io.systole.engine.config.HaCf;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hop of a received frame from the thread that has it to the thread that handles it, through a
 * Disruptor ring built as the daemon's inbound ring is ({@code NodeRuntime}: 1,024 preallocated
 * slots of 2 KiB, {@link ProducerType#MULTI}, the frame's bytes copied into the slot, the wait
 * strategy of {@code systole_wait_strategy}), against the baseline, an {@link ArrayBlockingQueue}
 * of the same capacity carrying a slot from a preallocated pool filled the same way, taken by a
 * thread blocked in {@code take()}. {@code *Hop}: one frame in flight, as at heartbeat rates: the
 * benchmark thread publishes a 308-byte frame (a sha1 status message's size) and spins until the
 * consumer has signalled it, so a call is one hand-off, wake-up included, plus one cache line back.
 * {@code *Burst}: 64 frames published back to back, then the wait for the last (per frame, {@link
 * OperationsPerInvocation}). {@code *Chain}: the inbound ring's two stages, {@code
 * handleEventsWith(verify).then(logic)}, against two queues and two threads; the second stage
 * signals. The trial's tear-down logs the consumers' CPU time per hop ({@link ThreadCost}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RingHop extends RunLength {
  private static final Logger LOG = LoggerFactory.getLogger(RingHop.class);

  /** Slots in the ring and places in the queue, as the daemon's inbound ring. */
  static final int SLOTS = 1024;

  /** Frames per burst. */
  static final int BURST = 64;

  private static final int FRAME_BYTES = 308;
  private static final int SLOT_BYTES = 2048;

  /** A slot: a frame's bytes copied in, as the daemon's {@code InboundSlot.frame}. */
  static final class Slot {
    final byte[] data = new byte[SLOT_BYTES];
    int length;
    long seq;

    void fill(final byte[] frame, final long sequence) {
      System.arraycopy(frame, 0, data, 0, frame.length);
      length = frame.length;
      seq = sequence;
    }

    /** What a consumer reads: enough that the copy cannot be left out. */
    long read() {
      return seq + data[length - 1];
    }
  }

  /** The consumers' shared part: the last sequence handled and a running checksum of the reads. */
  abstract static class Consumers {
    final AtomicLong done = new AtomicLong(-1);
    final byte[] frame = new byte[FRAME_BYTES];
    long published = -1;
    long sum;
    private ThreadCost threads;

    final void prepare() {
      Arrays.fill(frame, (byte) 'x');
      frame[FRAME_BYTES - 1] = '\n';
    }

    /** Spins until the consumers have handled {@code seq}. */
    final void awaitDone(final long seq) {
      while (done.get() < seq) {
        Thread.onSpinWait();
      }
    }

    final void measureThreads(final String prefix) {
      threads = ThreadCost.of(n -> n.startsWith(prefix));
      threads.cpuNanos(); // resolves the MXBean before the trial
    }

    final void report(final String what, final long[] cpuBefore) {
      final long[] cpu = threads.cpuNanos();
      final long hops = Math.max(1, done.get() + 1);
      final StringBuilder sb = new StringBuilder(what).append(": ").append(hops).append(" hops;");
      for (int i = 0; i < cpu.length; i++) {
        sb.append(' ')
            .append(threads.names().get(i))
            .append(String.format(" %.1f ns CPU/hop", (double) (cpu[i] - cpuBefore[i]) / hops));
      }
      LOG.info("{}; checksum {}", sb, sum);
    }

    final long[] cpu() {
      return threads.cpuNanos();
    }
  }

  /** The daemon's ring, one stage or two, with its wait strategy. */
  @State(Scope.Thread)
  public static class Ring extends Consumers {
    /** {@code systole_wait_strategy}: the daemon's default is {@code blocking}. */
    @Param({"blocking", "sleeping", "yielding"})
    public String wait;

    /** 1: one consumer; 2: {@code then(...)}, as the inbound ring's verify and logic stages. */
    @Param({"1", "2"})
    public int stages;

    private Disruptor<Slot> disruptor;
    private RingBuffer<Slot> ring;
    private long[] cpuBefore;

    /** The ring and its consumer thread(s). */
    @Setup(Level.Trial)
    public void start() {
      prepare();
      disruptor =
          new Disruptor<>(
              Slot::new, SLOTS, threads("hop-ring"), ProducerType.MULTI, strategy(wait));
      final EventHandler<Slot> last =
          (slot, seq, end) -> {
            sum += slot.read();
            done.lazySet(seq);
          };
      if (stages == 1) {
        disruptor.handleEventsWith(last);
      } else {
        disruptor.handleEventsWith((slot, seq, end) -> slot.length++).then(last);
      }
      ring = disruptor.start();
      measureThreads("hop-ring");
      cpuBefore = cpu();
    }

    /** Stops the consumers and logs their CPU time per hop. */
    @TearDown(Level.Trial)
    public void stop() {
      report("Disruptor " + wait + ", " + stages + " stage(s)", cpuBefore);
      disruptor.halt();
    }

    long publish() {
      final long seq = ring.next();
      ring.get(seq).fill(frame, seq);
      ring.publish(seq);
      return seq;
    }
  }

  /** The baseline: the same slots through {@link ArrayBlockingQueue}s and blocked threads. */
  @State(Scope.Thread)
  public static class Queue extends Consumers {
    /** 1: one queue and one thread; 2: two in a row, as the ring's two stages. */
    @Param({"1", "2"})
    public int stages;

    private final Slot[] pool = new Slot[SLOTS * 2];
    private ArrayBlockingQueue<Slot> first;
    private List<Thread> consumers;
    private long[] cpuBefore;

    /** The queue(s) and the consumer thread(s). */
    @Setup(Level.Trial)
    public void start() {
      prepare();
      for (int i = 0; i < pool.length; i++) {
        pool[i] = new Slot();
      }
      first = new ArrayBlockingQueue<>(SLOTS);
      final ThreadFactory f = threads("hop-queue");
      if (stages == 1) {
        consumers = List.of(f.newThread(() -> drain(first, null)));
      } else {
        final ArrayBlockingQueue<Slot> second = new ArrayBlockingQueue<>(SLOTS);
        consumers =
            List.of(
                f.newThread(() -> drain(first, second)), f.newThread(() -> drain(second, null)));
      }
      consumers.forEach(Thread::start);
      measureThreads("hop-queue");
      cpuBefore = cpu();
    }

    /** Takes from {@code in} until interrupted; passes on to {@code out}, or signals. */
    private void drain(final ArrayBlockingQueue<Slot> in, final ArrayBlockingQueue<Slot> out) {
      try {
        while (true) {
          final Slot slot = in.take();
          if (out != null) {
            slot.length++;
            out.put(slot);
          } else {
            sum += slot.read();
            done.lazySet(slot.seq);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Stops the consumers and logs their CPU time per hop. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      report("ArrayBlockingQueue, " + stages + " stage(s)", cpuBefore);
      for (final Thread t : consumers) {
        t.interrupt();
        t.join();
      }
    }

    long publish() throws InterruptedException {
      final long seq = ++published;
      final Slot slot = pool[(int) (seq % pool.length)];
      slot.fill(frame, seq);
      first.put(slot);
      return seq;
    }
  }

  /** The daemon's own wait strategy for a {@code systole_wait_strategy} value. */
  static WaitStrategy strategy(final String wait) {
    return NodeRuntime.waitStrategy(HaCf.Wait.valueOf(wait.toUpperCase(Locale.ROOT)));
  }

  private static ThreadFactory threads(final String prefix) {
    final AtomicLong n = new AtomicLong();
    return r -> {
      final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One frame through the daemon's ring, waited for. */
  @Benchmark
  public long disruptorHop(final Ring r) {
    final long seq = r.publish();
    r.awaitDone(seq);
    return seq;
  }

  /** Baseline: one frame through the queue(s), waited for. */
  @Benchmark
  public long queueHop(final Queue q) throws InterruptedException {
    final long seq = q.publish();
    q.awaitDone(seq);
    return seq;
  }

  /** {@value #BURST} frames through the ring back to back, then the wait for the last. */
  @Benchmark
  @OperationsPerInvocation(BURST)
  public long disruptorBurst(final Ring r) {
    long seq = -1;
    for (int i = 0; i < BURST; i++) {
      seq = r.publish();
    }
    r.awaitDone(seq);
    return seq;
  }

  /** Baseline: {@value #BURST} frames through the queue(s) back to back, then the wait. */
  @Benchmark
  @OperationsPerInvocation(BURST)
  public long queueBurst(final Queue q) throws InterruptedException {
    long seq = -1;
    for (int i = 0; i < BURST; i++) {
      seq = q.publish();
    }
    q.awaitDone(seq);
    return seq;
  }
}
