package io.systole.engine.agent;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.Medium;
import io.systole.media.LinkConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The transports' view of the configured media: one {@link LinkConfig} per ha.cf media line, in
 * order, so that a link's id is its line's position. IPv6 media ({@code mcast6}, {@code ucast6})
 * are not carried yet and are refused with the line's description.
 */
public final class MediaPlan {
  private MediaPlan() {}

  /**
   * The links of {@code config}.
   *
   * @throws IllegalArgumentException naming a medium the transports cannot carry
   */
  public static List<LinkConfig> of(final ClusterConfig config) {
    final List<LinkConfig> links = new ArrayList<>();
    for (final Medium m : config.haCf().media()) {
      links.add(link(m, config.haCf().ucastBind()));
    }
    return links;
  }

  private static LinkConfig link(final Medium m, final String ucastBind) {
    if (m instanceof Medium.Bcast b) {
      return new LinkConfig.Bcast(b.device(), b.port());
    }
    if (m instanceof Medium.Mcast c) {
      refuseIpv6(c.ipv6(), m);
      return new LinkConfig.Mcast(c.device(), c.group(), c.port(), c.ttl(), c.loop());
    }
    if (m instanceof Medium.Ucast u) {
      refuseIpv6(u.ipv6(), m);
      return new LinkConfig.Ucast(
          u.device(), u.peer(), u.port(), u.port(), ucastBind.isEmpty() ? null : ucastBind);
    }
    final Medium.Serial s = (Medium.Serial) m;
    return new LinkConfig.Serial(s.device(), s.baud());
  }

  private static void refuseIpv6(final boolean ipv6, final Medium m) {
    if (ipv6) {
      throw new IllegalArgumentException(
          m.describe() + ": IPv6 media are not supported yet; use an IPv4 mcast or ucast line");
    }
  }

  /**
   * The detector's name for each link: its device, as Heartbeat's {@code cl_status} names links.
   */
  public static List<String> linkNames(final List<LinkConfig> links) {
    final List<String> names = new ArrayList<>();
    for (final LinkConfig l : links) {
      if (!names.contains(l.device())) {
        names.add(l.device());
      }
    }
    return names;
  }
}
