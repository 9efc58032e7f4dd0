package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingYieldingWaitStrategyTest {
  private final BlockingYieldingWaitStrategy wait = new BlockingYieldingWaitStrategy();
  private final Sequence cursor = new Sequence(-1);
  private final Sequence upstream = new Sequence(-1);
  private final Barrier barrier = new Barrier();

  /** Only checkAlert is used by a wait strategy. */
  private static final class Barrier implements SequenceBarrier {
    volatile boolean alerted;

    @Override
    public long waitFor(final long sequence) {
      throw new UnsupportedOperationException("not used by wait strategies");
    }

    @Override
    public long getCursor() {
      throw new UnsupportedOperationException("not used by wait strategies");
    }

    @Override
    public boolean isAlerted() {
      return alerted;
    }

    @Override
    public void alert() {
      alerted = true;
    }

    @Override
    public void clearAlert() {
      alerted = false;
    }

    @Override
    public void checkAlert() throws AlertException {
      if (alerted) {
        throw AlertException.INSTANCE;
      }
    }
  }

  private CompletableFuture<Long> waitingFor(final long sequence, final Thread[] waiter) {
    final CompletableFuture<Long> out = new CompletableFuture<>();
    waiter[0] =
        new Thread(
            () -> {
              try {
                out.complete(wait.waitFor(sequence, cursor, upstream, barrier));
              } catch (final Exception e) {
                out.completeExceptionally(e);
              }
            },
            "test-waiter");
    waiter[0].start();
    return out;
  }

  private static void awaitState(final Thread t, final Thread.State state) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != state) {
      assertTrue(System.nanoTime() < deadline, "waiter never reached " + state);
      Thread.sleep(1);
    }
  }

  @Test
  void returnsAtOnceWhatTheEarlierStageHasDone() throws Exception {
    cursor.set(7);
    upstream.set(5);
    assertEquals(5, wait.waitFor(3, cursor, upstream, barrier));
  }

  @Test
  void blocksUntilTheProducerPublishesAndSignals() throws Exception {
    final Thread[] waiter = new Thread[1];
    final CompletableFuture<Long> got = waitingFor(0, waiter);
    awaitState(waiter[0], Thread.State.WAITING); // parked on the monitor, not spinning
    assertTrue(!got.isDone());
    upstream.set(0);
    cursor.set(0);
    wait.signalAllWhenBlocking();
    assertEquals(0L, got.get(10, TimeUnit.SECONDS));
  }

  @Test
  void waitsForTheEarlierStageOnceTheEventIsPublished() throws Exception {
    cursor.set(4);
    final Thread[] waiter = new Thread[1];
    final CompletableFuture<Long> got = waitingFor(2, waiter);
    Thread.sleep(20); // the waiter keeps yielding: the earlier stage has not finished event 2
    assertTrue(!got.isDone());
    upstream.set(3);
    assertEquals(3L, got.get(10, TimeUnit.SECONDS));
  }

  @Test
  void anAlertEndsBothWaits() throws Exception {
    final Thread[] blocked = new Thread[1];
    final CompletableFuture<Long> onMonitor = waitingFor(0, blocked);
    awaitState(blocked[0], Thread.State.WAITING);
    barrier.alert();
    wait.signalAllWhenBlocking();
    assertAlerted(onMonitor);

    barrier.clearAlert();
    cursor.set(0);
    final Thread[] yielding = new Thread[1];
    final CompletableFuture<Long> onStage = waitingFor(0, yielding);
    Thread.sleep(20);
    barrier.alert();
    assertAlerted(onStage);
  }

  private static void assertAlerted(final CompletableFuture<Long> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (final ExecutionException e) {
      assertInstanceOf(AlertException.class, e.getCause());
      return;
    }
    throw new AssertionError("the wait ended without the alert");
  }

  /** The shape the daemon uses: a second stage that must see every event after the first. */
  @Test
  void aChainedRingDeliversEveryEventInOrderAfterTheFirstStage() throws Exception {
    final int events = 20_000;
    final Disruptor<long[]> ring =
        new Disruptor<>(
            () -> new long[2], 64, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, wait);
    final List<Long> seen = new ArrayList<>(events);
    final CountDownLatch done = new CountDownLatch(1);
    ring.handleEventsWith((EventHandler<long[]>) (slot, seq, end) -> slot[1] = slot[0] * 3)
        .then(
            (EventHandler<long[]>)
                (slot, seq, end) -> {
                  assertEquals(slot[0] * 3, slot[1], "the second stage ran before the first");
                  seen.add(slot[0]);
                  if (seen.size() == events) {
                    done.countDown();
                  }
                });
    final RingBuffer<long[]> buffer = ring.start();
    for (long i = 0; i < events; i++) {
      final long value = i;
      buffer.publishEvent((slot, seq) -> slot[0] = value);
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), "only " + seen.size() + " events arrived");
    ring.shutdown(10, TimeUnit.SECONDS);
    for (int i = 0; i < events; i++) {
      assertEquals(i, seen.get(i));
    }
  }
}
