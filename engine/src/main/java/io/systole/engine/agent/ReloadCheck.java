package io.systole.engine.agent;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.HaCf;
import io.systole.media.LinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which changes of a re-read configuration a running node cannot take without a restart: what
 * membership is built from (the node's name, the node lines, the media, the timings, the detector,
 * the rings' wait strategy). Everything else (keys, resource groups, auto_failback, fencing) a
 * reload applies live. A pure function, so the rule is tested apart from any daemon.
 */
final class ReloadCheck {
  private ReloadCheck() {}

  /**
   * What differs between {@code running} and {@code next} that needs a restart, one line each in
   * words; empty when {@code next} can be applied live.
   *
   * @param links the media the node runs (built from {@code running})
   */
  static List<String> needsRestart(
      final ClusterConfig running, final ClusterConfig next, final List<LinkConfig> links) {
    final List<String> out = new ArrayList<>();
    if (!running.localNode().equals(next.localNode())) {
      out.add("this node's name changed: " + running.localNode() + " -> " + next.localNode());
    }
    final HaCf a = running.haCf();
    final HaCf b = next.haCf();
    differs(out, "node lines", a, b, HaCf::nodes);
    differs(out, "keepalive", a, b, HaCf::keepaliveMs);
    differs(out, "deadtime", a, b, HaCf::deadtimeMs);
    differs(out, "warntime", a, b, HaCf::warntimeMs);
    differs(out, "initdead", a, b, HaCf::initdeadMs);
    differs(out, "hopfudge", a, b, HaCf::hopfudge);
    differs(out, "the failure detector", a, b, HaCf::detector);
    differs(out, "systole_wait_strategy", a, b, HaCf::waitStrategy);
    differs(out, "watchdog", a, b, HaCf::watchdog);
    differs(out, "systole_metrics", a, b, HaCf::metrics);
    final List<LinkConfig> nextLinks = MediaPlan.of(next);
    if (!links.equals(nextLinks)) {
      out.add("the media changed: " + links + " -> " + nextLinks);
    }
    return out;
  }

  private static void differs(
      final List<String> out,
      final String what,
      final HaCf a,
      final HaCf b,
      final Function<HaCf, Object> value) {
    final Object before = value.apply(a);
    final Object after = value.apply(b);
    if (!Objects.equals(before, after)) {
      out.add(what + " changed: " + before + " -> " + after);
    }
  }
}
