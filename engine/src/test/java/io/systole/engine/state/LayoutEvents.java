package io.systole.engine.state;

import io.systole.engine.replay.ReplayCheck;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.Quorum;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random events biased to the names a layout of ha1..ha3 and g1..g3 uses, so that the fold's
 * and the policy's interesting paths run (the journal's {@code EventGenerator} mostly hits names no
 * layout knows). A few names are strangers, on purpose. The same seed gives the same events.
 *
 * <p>{@link #any()} gives events of every type and phase, those that record the policy's actions
 * included; {@link #input(ClusterState)} gives only what reaches a node from outside (the detector,
 * peers, the actuator, admins, the daemon's life), steered by the state so that started groups
 * mostly succeed and the cluster gets somewhere.
 */
public final class LayoutEvents {
  /** The node names a layout may use. */
  public static final List<String> NODES = List.of("ha1", "ha2", "ha3");

  /** The group names a layout may use. */
  public static final List<String> GROUPS = List.of("g1", "g2", "g3");

  private static final List<String> LINKS = List.of("eth0", "eth1", "/dev/ttyS0");

  private final SplittableRandom r;

  /** Events for {@code seed}. */
  public LayoutEvents(final long seed) {
    this.r = new SplittableRandom(seed);
  }

  /** The random source, for choices a test makes along the events. */
  public SplittableRandom random() {
    return r;
  }

  /**
   * A random layout over two or three of ha1..ha3 (once in a while one, or with a stranger or a
   * repeated name), with one to three groups, random auto_failback, with or without fencing.
   */
  public ConfigLoaded config() {
    final List<String> nodes = new ArrayList<>(NODES.subList(0, r.nextInt(10) == 0 ? 1 : 2));
    if (r.nextBoolean()) {
      nodes.add("ha3");
    }
    if (r.nextInt(4) == 0) {
      nodes.add(0, nodes.remove(nodes.size() - 1)); // node lines in another order
    }
    if (r.nextInt(30) == 0) {
      nodes.add(pick(nodes)); // a node named twice
    }
    final List<ConfigLoaded.Group> groups = new ArrayList<>();
    final int n = r.nextInt(1, 4);
    for (int i = 0; i < n; i++) {
      final String g = GROUPS.get(i);
      final String preferred = r.nextInt(20) == 0 ? "ha9" : pick(nodes);
      groups.add(new ConfigLoaded.Group(g, preferred, List.of(g, g + "-fs")));
    }
    if (r.nextInt(30) == 0) {
      groups.add(groups.get(0)); // a group named twice
    }
    final Failback[] failbacks = Failback.values();
    return new ConfigLoaded(
        "/etc/ha.d",
        Long.toHexString(r.nextLong()),
        nodes,
        groups,
        failbacks[r.nextInt(failbacks.length)],
        r.nextBoolean() ? "" : "external/ipmi",
        guards(nodes));
  }

  /** Random split-brain guards: quorum, votes, the ping group gw as tiebreaker, a fence delay. */
  private ConfigLoaded.Guards guards(final List<String> nodes) {
    if (r.nextInt(3) > 0) {
      return ConfigLoaded.Guards.NONE;
    }
    final List<Integer> votes = new ArrayList<>();
    if (r.nextInt(4) == 0) {
      for (int i = 0; i < nodes.size(); i++) {
        votes.add(r.nextInt(0, 3));
      }
    }
    final boolean ping = r.nextBoolean();
    return new ConfigLoaded.Guards(
        r.nextBoolean() ? Quorum.MAJORITY : Quorum.OFF,
        votes,
        ping && r.nextBoolean() ? PING : "",
        r.nextLong(0, 5_000_000),
        ping ? List.of(PING) : List.of());
  }

  /** The ping group of the random layouts. */
  static final String PING = "gw";

  /** A peer's announcement with random marks, hearing, ping groups and leaving. */
  private PeerStatus status(final String node, final boolean ready) {
    return new PeerStatus(
        node,
        ready,
        marks(),
        marks(),
        marks(),
        r.nextInt(4) == 0 ? List.of() : r.nextInt(3) == 0 ? PeerStatus.HEARS_ALL : NODES,
        r.nextBoolean() ? List.of(PING) : List.of(),
        r.nextInt(8) == 0);
  }

  /** A random event of any type and phase, with names mostly from the layout. */
  public Event any() {
    return switch (r.nextInt(22)) {
      case 0 -> new NodeUp(node(), link());
      case 1 -> new NodeWarn(node(), link(), r.nextLong(1, 1L << 50), r.nextLong(0, 10_000_000));
      case 2 -> dead(node());
      case 3 -> new LinkUp(node(), link());
      case 4 -> new LinkDead(node(), link(), r.nextLong(1, 1L << 50), 5_000_000);
      case 5 -> new GroupStart(group(), phase(), detail());
      case 6 -> new GroupStop(group(), phase(), detail());
      case 7 -> new ResourceStart(group(), resource(), phase(), detail());
      case 8 -> new ResourceStop(group(), resource(), phase(), detail());
      case 9 -> new PeerClaim(node(), group(), r.nextInt(5));
      case 10 -> new PeerRelease(node(), group());
      case 11 -> status(node());
      case 12 -> new AdminStandby(node(), scope(), "hb_standby");
      case 13 -> new AdminTakeover(node(), scope(), "hb_takeover");
      case 14 -> new AdminCleanup(node(), group(), "hb_cleanup");
      case 15 -> new Fence(node(), "external/ipmi", phase(), detail());
      case 16 -> config();
      case 17 -> new DaemonStarted("test", r.nextLong(1, 1 << 22));
      case 18 -> new DaemonStopping("SIGTERM");
      case 19 -> new MonitorFailed(group(), resource(), detail());
      case 20 -> new PingStatus(r.nextBoolean() ? PING : "elsewhere", r.nextBoolean(), detail());
      default -> new DaemonStopped("shutdown");
    };
  }

  /**
   * A random event that reaches node {@code s.self()} from outside: never one that records an
   * action of its policy (a requested start, stop or fence, or its own claim or release).
   */
  public Event input(final ClusterState s) {
    if (s.daemon() != ClusterState.Daemon.RUNNING && r.nextInt(3) == 0) {
      return new DaemonStarted("test", r.nextLong(1, 1 << 22));
    }
    if (s.layout().nodes().isEmpty() || r.nextInt(60) == 0) {
      return config();
    }
    final int roll = r.nextInt(100);
    if (roll < 30) {
      final Event outcome = outcome(s);
      if (outcome != null) {
        return outcome;
      }
    }
    final String peer = peer(s);
    if (roll < 45) {
      return r.nextInt(4) == 0 ? new NodeUp(peer, link()) : status(peer, r.nextInt(8) > 0);
    }
    if (roll < 52) {
      return dead(peer);
    }
    if (roll < 60) {
      return r.nextInt(3) == 0
          ? new PeerRelease(peer, group())
          : new PeerClaim(peer, group(), r.nextInt(5));
    }
    if (roll < 66) {
      return switch (r.nextInt(3)) {
        case 0 -> new NodeWarn(peer, link(), s.timeMicros(), r.nextLong(0, 3_000_000));
        case 1 -> new LinkUp(peer, link());
        default -> new LinkDead(peer, link(), s.timeMicros(), 5_000_000);
      };
    }
    if (roll < 72) {
      return switch (r.nextInt(3)) {
        case 0 -> new ResourceStart(group(), resource(), phase(), detail());
        case 1 -> new ResourceStop(group(), resource(), phase(), detail());
        default -> new MonitorFailed(group(), resource(), "exit 7 (not running)");
      };
    }
    if (roll < 80) {
      final String node = r.nextBoolean() ? s.self() : node();
      return switch (r.nextInt(3)) {
        case 0 -> new AdminStandby(node, scope(), "hb_standby");
        case 1 -> new AdminTakeover(node, scope(), "hb_takeover");
        default -> new AdminCleanup(node, group(), "hb_cleanup");
      };
    }
    if (roll < 84) {
      return new Fence(peer, "external/ipmi", r.nextBoolean() ? Phase.SUCCEEDED : Phase.FAILED, "");
    }
    if (roll < 86) {
      return new PingStatus(PING, r.nextBoolean(), "");
    }
    if (roll < 90) {
      return r.nextBoolean()
          ? new GroupStart(group(), r.nextBoolean() ? Phase.SUCCEEDED : Phase.FAILED, detail())
          : new GroupStop(group(), r.nextBoolean() ? Phase.SUCCEEDED : Phase.FAILED, detail());
    }
    if (roll < 93) {
      final int d = r.nextInt(4);
      return d == 0
          ? new DaemonStopped("shutdown")
          : d == 1
              ? new DaemonStopping("SIGTERM")
              : new DaemonStarted("test", r.nextLong(1, 1 << 22));
    }
    return any(s.self());
  }

  /** The actuator's word on a group starting or stopping here, or null when none is. */
  private Event outcome(final ClusterState s) {
    final List<GroupState> busy = new ArrayList<>();
    for (final GroupState g : s.groups()) {
      if (g.local() == GroupStatus.STARTING || g.local() == GroupStatus.STOPPING) {
        busy.add(g);
      }
    }
    if (busy.isEmpty()) {
      return null;
    }
    final GroupState g = busy.get(r.nextInt(busy.size()));
    final boolean ok = r.nextInt(10) > 0;
    final String resource =
        g.resources().isEmpty()
            ? g.name()
            : g.resources().get(r.nextInt(g.resources().size())).resource();
    if (g.local() == GroupStatus.STARTING) {
      return switch (r.nextInt(4)) {
        case 0 -> new ResourceStart(g.name(), resource, ok ? Phase.SUCCEEDED : Phase.FAILED, "");
        case 1 -> new ResourceStop(g.name(), resource, ok ? Phase.SUCCEEDED : Phase.FAILED, "");
        default -> new GroupStart(g.name(), ok ? Phase.SUCCEEDED : Phase.FAILED, "");
      };
    }
    return r.nextInt(4) == 0
        ? new ResourceStop(g.name(), resource, ok ? Phase.SUCCEEDED : Phase.FAILED, "")
        : new GroupStop(g.name(), ok ? Phase.SUCCEEDED : Phase.FAILED, "");
  }

  /** {@link #any()} short of what records an action of node {@code self}. */
  private Event any(final String self) {
    for (; ; ) {
      final Event e = any();
      if (!ReplayCheck.isAction(self, e)) {
        return e;
      }
    }
  }

  private NodeDead dead(final String node) {
    return new NodeDead(
        node,
        5_000_000,
        r.nextBoolean(),
        r.nextInt(3),
        List.of(new NodeDead.LinkEvidence(link(), NodeDead.LinkEvidence.NEVER)));
  }

  private PeerStatus status(final String node) {
    return status(node, r.nextBoolean());
  }

  /** A configured node other than {@code s.self()}, or now and then (or when none) a stranger. */
  private String peer(final ClusterState s) {
    for (int i = 0; i < 4; i++) {
      final String n = r.nextInt(25) == 0 ? "ha9" : pick(s.layout().nodes());
      if (!n.equals(s.self())) {
        return n;
      }
    }
    return "ha9";
  }

  private List<String> marks() {
    if (r.nextInt(3) > 0) {
      return List.of();
    }
    final List<String> marks = new ArrayList<>();
    for (final String g : GROUPS) {
      if (r.nextInt(3) == 0) {
        marks.add(g);
      }
    }
    return marks;
  }

  private String node() {
    return r.nextInt(20) == 0 ? (r.nextBoolean() ? "ha9" : "") : pick(NODES);
  }

  private String group() {
    return r.nextInt(20) == 0 ? "g9" : pick(GROUPS);
  }

  private String resource() {
    return pick(GROUPS) + (r.nextBoolean() ? "" : "-fs");
  }

  private String link() {
    return pick(LINKS);
  }

  private String detail() {
    return r.nextInt(4) == 0 ? "" : "exit " + r.nextInt(8);
  }

  private Phase phase() {
    return Phase.values()[r.nextInt(Phase.values().length)];
  }

  private Scope scope() {
    return Scope.values()[r.nextInt(Scope.values().length)];
  }

  private <T> T pick(final List<T> from) {
    return from.get(r.nextInt(from.size()));
  }
}
