package io.systole.engine.fence;

import io.systole.engine.resource.ActionRunner;
import io.systole.journal.event.Fence;
import io.systole.journal.event.Phase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out fencing on its own thread, {@value #THREAD_NAME}: the policy decides that a node is
 * fenced (and journals the request), this runner runs the node's {@link FenceAgent} until it
 * succeeds and reports every attempt's outcome as a {@link Fence} event, SUCCEEDED or FAILED.
 *
 * <p>A request may wait a delay first (a tie-break the policy chose). A failed attempt is tried
 * again after a {@link Backoff} (1 s doubling to 60 s by default), without end, until one succeeds
 * or the request is cancelled ({@link #cancel}: the node came back) or confirmed by an operator
 * ({@link #confirm}). A request for a node already being fenced joins the one under way. The runner
 * never fences this node: such a request is refused and reported failed. One attempt runs at a
 * time; an attempt already running when its request is cancelled may finish, but its outcome is not
 * reported: after {@code cancel} or {@code confirm} returns, no outcome of that request reaches the
 * reports.
 *
 * <p>Reports reach {@code reports} on the fence thread, and on the caller's thread for a refusal or
 * a confirmation, always under the runner's lock (which is what keeps a cancelled request's outcome
 * out): the consumer must be thread-safe and must not block, such as a publisher onto the inbound
 * ring.
 */
public final class FenceRunner implements AutoCloseable {
  /** The name of the thread that runs the agents. */
  public static final String THREAD_NAME = "systole-fence";

  /** How long one attempt may take unless told otherwise, as Heartbeat's STONITH timeout. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

  /** How long {@link #close} waits for the thread: the agent's kill grace and some. */
  private static final Duration CLOSE_WAIT =
      ActionRunner.DEFAULT_KILL_GRACE.plus(Duration.ofSeconds(8));

  private static final Logger LOG = LoggerFactory.getLogger(FenceRunner.class);

  private final String localNode;
  private final FenceAgent agent;

  /** The agent's name in the {@link Fence} entries reported: the stonith type, as requested. */
  private final String journaledAs;

  private final FenceVerb verb;
  private final Duration attemptTimeout;
  private final Backoff backoff;
  private final Consumer<Fence> reports;
  private final Thread thread;

  /** The requests under way, by node, in the order they came. Guarded by this. */
  private final Map<String, Request> requests = new LinkedHashMap<>();

  /** Guarded by this. */
  private boolean closed;

  /** One node to fence: when its next attempt is due, how many failed before, whether it runs. */
  private static final class Request {
    private final String node;
    private long dueNanos;
    private int attempts;
    private boolean running;

    Request(final String node, final long dueNanos) {
      this.node = node;
      this.dueNanos = dueNanos;
    }
  }

  /** A runner with Heartbeat's verb (reset), a 60 s attempt timeout and the default backoff. */
  public FenceRunner(
      final String localNode, final FenceAgent agent, final Consumer<Fence> reports) {
    this(localNode, agent, FenceVerb.RESET, DEFAULT_ATTEMPT_TIMEOUT, Backoff.DEFAULT, reports);
  }

  /**
   * A runner; {@link #start} starts its thread.
   *
   * @param localNode this node's name: never fenced
   * @param agent the device that fences
   * @param verb what fencing asks of the device: {@link FenceVerb#RESET} or {@link FenceVerb#OFF}
   * @param attemptTimeout how long one attempt may take
   * @param backoff the waits between failed attempts
   * @param reports where outcomes go (see the class comment)
   * @throws IllegalArgumentException when {@code verb} does not fence
   */
  public FenceRunner(
      final String localNode,
      final FenceAgent agent,
      final FenceVerb verb,
      final Duration attemptTimeout,
      final Backoff backoff,
      final Consumer<Fence> reports) {
    this(localNode, agent, agent.describe(), verb, attemptTimeout, backoff, reports);
  }

  /**
   * A runner as above whose reports name the agent {@code journaledAs} (the stonith type the
   * policy's request names), with the device itself, as {@link FenceAgent#describe}, in their
   * detail.
   */
  public FenceRunner(
      final String localNode,
      final FenceAgent agent,
      final String journaledAs,
      final FenceVerb verb,
      final Duration attemptTimeout,
      final Backoff backoff,
      final Consumer<Fence> reports) {
    if (verb != FenceVerb.RESET && verb != FenceVerb.OFF) {
      throw new IllegalArgumentException(
          "fencing is done with reset or off, not " + verb.keyword());
    }
    this.localNode = localNode;
    this.agent = agent;
    this.journaledAs = journaledAs;
    this.verb = verb;
    this.attemptTimeout = attemptTimeout;
    this.backoff = backoff;
    this.reports = reports;
    this.thread = new Thread(this::work, THREAD_NAME);
    this.thread.setDaemon(true);
  }

  /** Starts the fence thread; requests made before wait for it. */
  public void start() {
    thread.start();
  }

  /**
   * Fences {@code node} after {@code delayMicros}, unless it is already being fenced (the requests
   * then join) or it is this node (refused, reported failed).
   */
  public synchronized void request(final String node, final long delayMicros) {
    if (closed || refused(node)) {
      return;
    }
    if (requests.containsKey(node)) {
      LOG.info("fencing {}: already under way, the new request joins it", node);
      return;
    }
    final long delayNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, delayMicros));
    requests.put(node, new Request(node, System.nanoTime() + delayNanos));
    LOG.info(
        "fencing {} with {} ({}){}",
        node,
        agent.describe(),
        verb.keyword(),
        delayNanos == 0 ? "" : " in " + ActionRunner.seconds(Duration.ofNanos(delayNanos)));
    notifyAll();
  }

  /** Drops the request for {@code node}, if any: no attempt starts and no outcome is reported. */
  public synchronized void cancel(final String node) {
    if (drop(node, false)) {
      LOG.info("fencing {} cancelled", node);
    }
  }

  /**
   * An operator says {@code node} is fenced: any request for it ends, and SUCCEEDED "confirmed by
   * an operator" is reported (also when no request was under way: the operator's word stands).
   */
  public synchronized void confirm(final String node) {
    if (closed || refused(node)) {
      return;
    }
    drop(node, true);
    LOG.info("fencing {} confirmed by an operator", node);
    reports.accept(new Fence(node, journaledAs, Phase.SUCCEEDED, "confirmed by an operator"));
  }

  /** Stops the thread, killing a running agent's program; no outcome is reported after. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      requests.clear();
      notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{} did not stop within {}", THREAD_NAME, ActionRunner.seconds(CLOSE_WAIT));
    }
  }

  /** Refuses, and reports, fencing this node. Holds the lock. */
  private boolean refused(final String node) {
    if (!node.equalsIgnoreCase(localNode)) {
      return false;
    }
    LOG.error("fencing {} refused: it is this node", node);
    reports.accept(
        new Fence(node, journaledAs, Phase.FAILED, "refused: " + node + " is this node"));
    return true;
  }

  /**
   * Forgets the request for {@code node}; an agent whose attempt on it is under way is told that it
   * was confirmed or cancelled (only then: an answer given later would be taken by the next
   * attempt). Holds the lock.
   */
  private boolean drop(final String node, final boolean confirmed) {
    final Request dropped = requests.remove(node);
    if (dropped != null && dropped.running) {
      if (confirmed) {
        agent.confirm(node);
      } else {
        agent.cancel(node);
      }
    }
    return dropped != null;
  }

  private void work() {
    try {
      while (true) {
        final Request next = nextDue();
        if (next == null) {
          return;
        }
        final FenceOutcome outcome = attempt(next.node);
        settle(next, outcome);
      }
    } catch (InterruptedException e) {
      LOG.debug("{} stops", THREAD_NAME);
    }
  }

  /** Waits for the next attempt that is due and marks it running; null once closed. */
  private synchronized Request nextDue() throws InterruptedException {
    while (!closed) {
      Request first = null;
      for (final Request r : requests.values()) {
        if (first == null || r.dueNanos - first.dueNanos < 0) {
          first = r;
        }
      }
      if (first == null) {
        wait();
        continue;
      }
      final long waitNanos = first.dueNanos - System.nanoTime();
      if (waitNanos <= 0) {
        first.running = true;
        return first;
      }
      TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
    }
    return null;
  }

  private FenceOutcome attempt(final String node) {
    final long start = System.nanoTime();
    try {
      return agent.run(verb, node, attemptTimeout);
    } catch (RuntimeException e) {
      LOG.error("fencing {}: {} failed unexpectedly", node, agent.describe(), e);
      return FenceOutcome.failure(
          agent.describe() + " failed unexpectedly: " + e, FenceOutcome.since(start));
    }
  }

  /** Reports an attempt's outcome, unless its request is gone, and schedules the next one. */
  private synchronized void settle(final Request request, final FenceOutcome outcome) {
    request.running = false;
    if (closed || requests.get(request.node) != request) {
      return;
    }
    request.attempts++;
    final String node = request.node;
    if (outcome.success()) {
      requests.remove(node);
      final String detail =
          verb.done()
              + " by "
              + agent.describe()
              + " in "
              + ActionRunner.seconds(outcome.duration())
              + " (attempt "
              + request.attempts
              + ")"
              + (outcome.detail().isEmpty() ? "" : ": " + outcome.detail());
      LOG.info("fenced {}: {}", node, detail);
      reports.accept(new Fence(node, journaledAs, Phase.SUCCEEDED, detail));
      return;
    }
    final Duration wait = backoff.after(request.attempts);
    request.dueNanos = System.nanoTime() + wait.toNanos();
    final String detail =
        "attempt "
            + request.attempts
            + ": "
            + outcome.detail()
            + "; next attempt in "
            + ActionRunner.seconds(wait);
    LOG.warn("fencing {} failed: {}", node, detail);
    reports.accept(new Fence(node, journaledAs, Phase.FAILED, detail));
  }
}
