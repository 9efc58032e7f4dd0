package io.systole.engine.fence;

import java.time.Duration;

/**
 * Heartbeat's {@code null} STONITH device: touches nothing and succeeds at once, so the node is
 * only taken as fenced. For tests and demonstrations; never for a cluster with shared data.
 */
public final class NullAgent implements FenceAgent {
  @Override
  public String describe() {
    return "null";
  }

  @Override
  public FenceOutcome run(final FenceVerb verb, final String node, final Duration timeout) {
    return FenceOutcome.success(
        "nothing was done: " + node + " is only taken as fenced (stonith type null)",
        Duration.ZERO);
  }
}
