package io.systole.engine.detect;

import io.systole.engine.config.HaCf;

/**
 * Heartbeat's timings in microseconds: {@code keepalive} between heartbeats, {@code warntime} of
 * silence before a late-heartbeat warning, {@code deadtime} before a link or node is dead, and
 * {@code initdead}, the node-dead threshold until the cluster has been up that long.
 */
public record DetectorTimings(
    long keepaliveMicros, long warntimeMicros, long deadtimeMicros, long initdeadMicros) {

  /** Checks the timings are usable. */
  public DetectorTimings {
    if (keepaliveMicros <= 0 || warntimeMicros <= 0 || deadtimeMicros <= 0 || initdeadMicros <= 0) {
      throw new IllegalArgumentException("detector timings must be positive");
    }
  }

  /** The timings of an ha.cf. */
  public static DetectorTimings of(final HaCf haCf) {
    return new DetectorTimings(
        haCf.keepaliveMs() * 1000,
        haCf.warntimeMs() * 1000,
        haCf.deadtimeMs() * 1000,
        haCf.initdeadMs() * 1000);
  }
}
