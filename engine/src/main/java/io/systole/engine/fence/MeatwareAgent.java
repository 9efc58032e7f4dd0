package io.systole.engine.fence;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeat's {@code meatware} STONITH device: a person fences. A run logs at ERROR what the
 * operator must do, then waits, without a timeout (a person may take long, and asking again on
 * every retry would only repeat the line), until {@link #confirm} (succeeded), {@link #cancel} or
 * an interrupt (failed). An answer that comes just before the run starts waiting still answers it:
 * the fence runner forwards answers only while an attempt on the node is under way.
 */
public final class MeatwareAgent implements FenceAgent {
  private static final Logger LOG = LoggerFactory.getLogger(MeatwareAgent.class);

  /** Answers not yet taken by a run, by node: true confirmed, false cancelled. Guarded by this. */
  private final Map<String, Boolean> answers = new HashMap<>();

  @Override
  public String describe() {
    return "meatware";
  }

  @Override
  public FenceOutcome run(final FenceVerb verb, final String node, final Duration timeout) {
    final long start = System.nanoTime();
    LOG.error(
        "fencing {} needs an operator: make sure {} is powered off or reset, then run"
            + " `systole fence-confirm {}`",
        node,
        node,
        node);
    final Boolean answer;
    try {
      answer = await(node);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FenceOutcome.failure(
          "meatware: stopped waiting for an operator to confirm " + node,
          FenceOutcome.since(start));
    }
    return answer
        ? FenceOutcome.success("confirmed by an operator", FenceOutcome.since(start))
        : FenceOutcome.failure(
            "meatware: fencing " + node + " was cancelled", FenceOutcome.since(start));
  }

  private synchronized Boolean await(final String node) throws InterruptedException {
    try {
      while (!answers.containsKey(node)) {
        wait();
      }
      return answers.get(node);
    } finally {
      answers.remove(node);
    }
  }

  @Override
  public void confirm(final String node) {
    answer(node, true);
  }

  @Override
  public void cancel(final String node) {
    answer(node, false);
  }

  private synchronized void answer(final String node, final boolean confirmed) {
    answers.putIfAbsent(node, confirmed);
    notifyAll();
  }
}
