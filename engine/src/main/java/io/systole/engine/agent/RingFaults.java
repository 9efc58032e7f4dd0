package io.systole.engine.agent;

import com.lmax.disruptor.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a ring's thread does when handling a slot throws: log it, with the thread and the slot, and
 * go on with the next slot. The Disruptor's default halts the thread, and a halted stage leaves its
 * ring full: the ticker blocks, the node stops heartbeating while its resources keep running, and
 * its peers start them too. A bug must cost one message, never the node.
 */
final class RingFaults<T> implements ExceptionHandler<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RingFaults.class);
  private final String ring;

  RingFaults(final String ring) {
    this.ring = ring;
  }

  @Override
  public void handleEventException(final Throwable ex, final long sequence, final T event) {
    LOG.error(
        "{} ring, thread {}: handling slot {} failed ({}); that slot is skipped, the node goes on."
            + " This is a bug: please report it with this log",
        ring,
        Thread.currentThread().getName(),
        sequence,
        ex.toString(),
        ex);
  }

  @Override
  public void handleOnStartException(final Throwable ex) {
    LOG.error("{} ring, thread {}: failed to start", ring, Thread.currentThread().getName(), ex);
  }

  @Override
  public void handleOnShutdownException(final Throwable ex) {
    LOG.error("{} ring, thread {}: failed to stop", ring, Thread.currentThread().getName(), ex);
  }
}
