package io.systole.engine.agent;

import io.systole.journal.EpochMicrosClock;
import io.systole.media.MediaContext;
import java.time.Duration;

/**
 * How a node runs, beyond its configuration: how often the detector looks at the clock, which UDP
 * transport to use, how often a failed medium is retried, the version it journals at start, and the
 * clock.
 *
 * @param tickMicros how often silent links are judged (Heartbeat: at most every 250 ms)
 * @param describe how a journaled entry reads in the operator log (one line per transition)
 * @param realtime whether ha.cf's {@code realtime} applies to this process's threads (the daemon:
 *     yes; a test or tool that runs a node inside another program: no)
 */
public record NodeOptions(
    long tickMicros,
    MediaContext.UdpTransport udpTransport,
    Duration mediaRetry,
    String version,
    EpochMicrosClock clock,
    java.util.function.Function<io.systole.journal.Entry, String> describe,
    boolean realtime) {

  /** Checks the values. */
  public NodeOptions {
    if (tickMicros <= 0) {
      throw new IllegalArgumentException("tick must be positive");
    }
  }

  /**
   * The defaults for a node with {@code deadtimeMs}: silence is judged every twentieth of the
   * deadtime, from 1 ms up to Heartbeat's own 250 ms, so detection is never more than 5% later than
   * deadtime (a 50 ms deadtime is judged every 2.5 ms) and an idle node at the usual deadtimes
   * wakes no more than it must. Realtime off.
   */
  public static NodeOptions defaults(final long deadtimeMs, final String version) {
    return new NodeOptions(
        Math.max(1_000L, Math.min(250_000L, deadtimeMs * 50L)),
        MediaContext.UdpTransport.AUTO,
        MediaContext.DEFAULT_RETRY_INTERVAL,
        version,
        EpochMicrosClock.SYSTEM,
        e -> e.node() + ": " + e.event(),
        false);
  }

  /** These options with entries described by {@code how} in the operator log. */
  public NodeOptions describedBy(
      final java.util.function.Function<io.systole.journal.Entry, String> how) {
    return new NodeOptions(tickMicros, udpTransport, mediaRetry, version, clock, how, realtime);
  }

  /** These options with ha.cf's {@code realtime} applied to this process's heartbeat threads. */
  public NodeOptions withRealtime() {
    return new NodeOptions(tickMicros, udpTransport, mediaRetry, version, clock, describe, true);
  }
}
