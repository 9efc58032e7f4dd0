package io.systole.engine.agent;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * The rings' default wait ({@code systole_wait_strategy blocking}): a stage with nothing published
 * blocks on a monitor until the producer signals, and a stage whose event is published but still
 * held by an earlier stage of the same ring (the inbound ring's logic waiting for its verify)
 * yields the CPU until that stage is done. Disruptor's own blocking strategy spins in that second
 * wait; under SCHED_RR a spinning logic thread keeps the verify thread it waits for off its core
 * for a whole round-robin slice (measured: eight daemons at keepalive 20 ms on two cores, ticker
 * stalls of 95 ms to 1.5 s and two cores busy; with this wait none of that). A yield costs a system
 * call and hands the core to exactly the stage that is in the way.
 */
public final class BlockingYieldingWaitStrategy implements WaitStrategy {
  /**
   * Yields before parking: an earlier stage finishes an event in microseconds, unless it waits on
   * something a normal-priority thread holds, which a realtime thread's yields would starve.
   */
  static final int YIELDS = 100;

  /** How long a waiting stage sleeps between looks once it has yielded YIELDS times. */
  static final long PARK_NANOS = 50_000;

  private final Object mutex = new Object();

  @Override
  public long waitFor(
      final long sequence,
      final Sequence cursor,
      final Sequence dependentSequence,
      final SequenceBarrier barrier)
      throws AlertException, InterruptedException {
    if (cursor.get() < sequence) {
      synchronized (mutex) {
        while (cursor.get() < sequence) {
          barrier.checkAlert();
          mutex.wait();
        }
      }
    }
    long available;
    int yields = 0;
    while ((available = dependentSequence.get()) < sequence) {
      barrier.checkAlert();
      if (yields < YIELDS) {
        yields++;
        Thread.yield();
      } else {
        LockSupport.parkNanos(PARK_NANOS);
      }
    }
    return available;
  }

  @Override
  public void signalAllWhenBlocking() {
    synchronized (mutex) {
      mutex.notifyAll();
    }
  }
}
