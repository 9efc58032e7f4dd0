package io.systole.engine.detect;

/**
 * When a silent link counts as dead. The tracker around it is the same for every rule: only this
 * decision differs between Heartbeat's fixed deadtime and the adaptive phi accrual detector.
 */
interface DeathRule {
  /**
   * A heartbeat arrived on {@code link}, {@code intervalMicros} after the previous one (-1: first).
   */
  void onArrival(LinkState link, long intervalMicros);

  /** Whether {@code link}, silent for {@code silenceMicros}, is dead. */
  boolean isDead(LinkState link, long silenceMicros);

  /** The deadtime to record as evidence when a link dies after {@code silenceMicros}. */
  long deadtimeInForce(long silenceMicros);
}
