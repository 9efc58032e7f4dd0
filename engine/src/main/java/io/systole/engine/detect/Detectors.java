package io.systole.engine.detect;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.Medium;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the failure detector a configuration asks for: Heartbeat's fixed deadtime, or phi accrual
 * ({@code systole_detector phi}). The peers are the node lines but this node; the links are the
 * media's interfaces and serial devices.
 */
public final class Detectors {
  /** How many recent intervals phi accrual learns from. */
  public static final int PHI_WINDOW = 100;

  private Detectors() {}

  /** The detector for {@code config}, as this node. */
  public static FailureDetector forConfig(final ClusterConfig config) {
    final HaCf h = config.haCf();
    final List<String> peers = new ArrayList<>(h.nodes());
    peers.remove(config.localNode());
    final Set<String> links = new LinkedHashSet<>();
    for (final Medium m : h.media()) {
      links.add(m.device());
    }
    final DetectorTimings timings = DetectorTimings.of(h);
    return h.detector().kind() == HaCf.Detector.Kind.PHI
        ? phi(
            timings,
            h.detector().phiThreshold(),
            h.detector().phiFloorMs() * 1000,
            peers,
            List.copyOf(links))
        : heartbeat(timings, peers, List.copyOf(links));
  }

  /** Heartbeat's detector: a link silent for deadtime is dead. */
  public static FailureDetector heartbeat(
      final DetectorTimings timings, final List<String> peers, final List<String> links) {
    return new LivenessDetector(
        timings, new FixedDeadtime(timings.deadtimeMicros()), peers, links, 1);
  }

  /**
   * The adaptive detector: a link is dead when φ reaches {@code threshold}, never before the floor.
   */
  public static FailureDetector phi(
      final DetectorTimings timings,
      final double threshold,
      final long floorMicros,
      final List<String> peers,
      final List<String> links) {
    return new LivenessDetector(
        timings,
        new PhiAccrual(threshold, floorMicros, timings.deadtimeMicros(), timings.keepaliveMicros()),
        peers,
        links,
        PHI_WINDOW);
  }
}
