package io.systole.engine.notify;

import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ProgramResult;
import io.systole.journal.Entry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator's notify program ({@code systole_notify}) once per notified transition, in
 * journal order, on its own thread {@code systole-notify}, so that a slow or hung program never
 * delays the cluster logic: {@link #offer} only puts the journal entry on a bounded queue, and when
 * the program falls that far behind, entries are dropped and counted (one log line per burst of
 * drops, written by this thread). Each run has the {@link Notifications} variables in its
 * environment and no arguments, and is killed with its process group after the timeout; a failure
 * or a timeout is logged and the next notification goes on.
 */
public final class Notifier implements AutoCloseable {
  /** How many transitions may wait for the program before new ones are dropped. */
  public static final int DEFAULT_CAPACITY = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  /** How long the thread sleeps with nothing queued before it looks again (offer wakes it). */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String node;
  private final List<String> command;
  private final Duration timeout;
  private final ActionRunner runner;
  private final EntryQueue queue;
  private final Thread thread;

  /** Transitions dropped on a full queue; incremented by the producer, read by this thread. */
  private final AtomicLong dropped = new AtomicLong();

  /** How many of {@link #dropped} have been logged; this thread only. */
  private long droppedLogged;

  private volatile boolean closing;

  /**
   * A notifier, not yet running.
   *
   * @param node this node, for the log
   * @param program the notify program's path
   * @param timeout how long one run may take
   * @param capacity how many transitions may wait, a power of two
   * @param runner runs the program in a process group of its own
   */
  public Notifier(
      final String node,
      final String program,
      final Duration timeout,
      final int capacity,
      final ActionRunner runner) {
    this.node = node;
    this.command = List.of(program);
    this.timeout = timeout;
    this.runner = runner;
    this.queue = new EntryQueue(capacity);
    this.thread = new Thread(this::work, "systole-notify");
    this.thread.setDaemon(true);
  }

  /** Starts the thread; what was offered before is notified first. */
  public void start() {
    LOG.info(
        "{}: notifies {} of transitions, each run at most {} ms",
        node,
        command.get(0),
        timeout.toMillis());
    thread.start();
  }

  /**
   * Queues {@code entry} if its transition is notified; never blocks, never throws. Call from one
   * thread only (the cluster logic's): the queue has a single producer.
   */
  public void offer(final Entry entry) {
    if (!Notifications.notifies(entry.event())) {
      return;
    }
    if (queue.offer(entry)) {
      LockSupport.unpark(thread);
    } else {
      dropped.incrementAndGet();
    }
  }

  /** How many transitions were dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  private void work() {
    while (!Thread.currentThread().isInterrupted()) {
      final Entry entry = queue.poll();
      if (entry == null) {
        if (closing) {
          return;
        }
        LockSupport.parkNanos(this, IDLE_NANOS);
        continue;
      }
      logDrops();
      try {
        Notifications.of(entry).ifPresent(this::run);
      } catch (RuntimeException e) {
        LOG.warn("{}: cannot notify {} of entry #{}: {}", node, command.get(0), entry.index(), e);
      }
    }
  }

  /** One line per burst of drops, once the program has caught up enough to take an entry. */
  private void logDrops() {
    final long now = dropped.get();
    if (now > droppedLogged) {
      LOG.warn(
          "{}: {} transition(s) not notified: {} is slower than the cluster's transitions and"
              + " {} were waiting for it (the journal has them all)",
          node,
          now - droppedLogged,
          command.get(0),
          queue.capacity());
      droppedLogged = now;
    }
  }

  private void run(final Notification n) {
    final ProgramResult r = runner.run(node + " notify", command, n.environment(), timeout, false);
    if (!r.exited()) {
      LOG.warn("{}: notify program {} for {}: {}", node, command.get(0), n.describe(), r.failure());
    } else if (r.exitCode() != 0) {
      final String why = r.lastErrorLine();
      LOG.warn(
          "{}: notify program {} for {} exited with code {}{}",
          node,
          command.get(0),
          n.describe(),
          r.exitCode(),
          why.isEmpty() ? "" : ": " + why);
    }
  }

  /** Stops the thread, letting queued notifications run for up to the program's timeout. */
  @Override
  public void close() {
    close(timeout);
  }

  /**
   * Stops the thread: notifications already queued run for up to {@code drain} (the daemon's own
   * stop is one of them), then a run still going is killed and the rest are given up.
   */
  public void close(final Duration drain) {
    closing = true;
    LockSupport.unpark(thread);
    try {
      if (thread.isAlive()) {
        thread.join(Math.max(1, drain.toMillis()));
        thread.interrupt();
        thread.join(ActionRunner.DEFAULT_KILL_GRACE.toMillis() + 5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    final int left = queue.size();
    if (left > 0) {
      LOG.warn("{}: {} transition(s) not notified: the daemon stopped first", node, left);
    }
  }
}
