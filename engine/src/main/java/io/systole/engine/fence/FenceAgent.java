package io.systole.engine.fence;

import java.time.Duration;

/**
 * A STONITH device as Systole drives it: one blocking {@link #run} per attempt, from the fence
 * runner's thread. An agent that waits for a person ({@link MeatwareAgent}) is answered through
 * {@link #confirm} and {@link #cancel}, which other threads call while a run on that node is under
 * way or about to start; agents that do not wait ignore them.
 */
public interface FenceAgent {
  /** The agent as reports name it, such as {@code "external /usr/local/sbin/fence-ipmi"}. */
  String describe();

  /**
   * Does {@code verb} to {@code node} and says what came of it; never throws for the device's sake.
   * Returns early, failed, when the calling thread is interrupted.
   *
   * @param verb what to do
   * @param node the node's name, as ha.cf names it
   * @param timeout how long the device may take before the attempt counts as failed
   * @return what came of it
   */
  FenceOutcome run(FenceVerb verb, String node, Duration timeout);

  /** An operator says {@code node} is fenced: a run waiting for that returns, succeeded. */
  default void confirm(final String node) {}

  /** Fencing {@code node} is no longer wanted: a run waiting for a person returns, failed. */
  default void cancel(final String node) {}
}
