package io.systole.engine.policy;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.event.Failback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy: what this node should do now, from its state alone. Pure: no clock, no I/O. The node
 * journals and folds each action it returns before carrying it out, then asks again until nothing
 * is left; an action's own entry makes the policy stop asking for it. Fencing comes first, then the
 * groups in haresources order, each with its claim announced before it starts and its release
 * announced once it stopped.
 *
 * <p>Nothing starts before membership has settled ({@link ClusterState#settled()}), and nothing
 * starts while another node holds the group: the node that should not hold it stops first, then
 * releases, and the owner starts it when it hears the release.
 *
 * <p>Split brain: with fencing configured, every dead peer is fenced (by the first member in
 * node-line order) and nothing starts anywhere in this partition until it is; with quorum, a
 * partition without it stops its groups, starts nothing and fences nobody.
 */
public final class Policy {
  private Policy() {}

  /** The actions for {@code s}, in the order they should be taken. */
  public static List<Action> decide(final ClusterState s) {
    if (s.daemon() == ClusterState.Daemon.STOPPING && s.selfConfigured()) {
      return shutdown(s);
    }
    if (s.daemon() != ClusterState.Daemon.RUNNING || !s.selfConfigured()) {
      return List.of();
    }
    final List<Action> actions = new ArrayList<>(2);
    if (!s.quorate()) {
      for (final GroupState g : s.groups()) {
        withoutQuorum(s, g, actions);
      }
      return actions;
    }
    fence(s, actions);
    for (final GroupState g : s.groups()) {
      group(s, g, actions);
    }
    return actions;
  }

  /**
   * A partition without quorum gives its groups up, as a stopping daemon does but all at once, so
   * that the majority can take them; a group that is starting or stopping is waited for.
   */
  private static void withoutQuorum(
      final ClusterState s, final GroupState g, final List<Action> out) {
    final boolean claimed = g.claimedBy().contains(s.self());
    switch (g.local()) {
      case STOPPED -> {
        if (claimed) {
          out.add(
              new Action.AnnounceRelease(
                  g.name(),
                  Reason.of(Rule.ANNOUNCE_RELEASE, "group " + g.name() + " stopped here")));
        }
      }
      case RUNNING, UNKNOWN -> {
        // Held here, so claimed, so that no peer starts it while it stops: a restarted node's
        // UNKNOWN group with number 0, as in the quorate case.
        claim(s, g, claimed, g.local() == GroupStatus.UNKNOWN ? 0 : g.marks().term() + 1, out);
        out.add(
            new Action.StopGroup(
                g.name(),
                Reason.of(
                    Rule.STOP_NO_QUORUM,
                    "partition of " + s.self() + " without quorum: " + members(s),
                    "group " + g.name() + " preferred " + g.preferredNode())));
      }
      case STARTING, STOPPING, UNCLEAN -> claim(s, g, claimed, out);
    }
  }

  /** This node and the members it has, and how many votes they hold of how many. */
  private static String members(final ClusterState s) {
    final List<String> names = new ArrayList<>();
    for (final NodeState n : s.nodes()) {
      if (s.inPartition(n)) {
        names.add(n.name());
      }
    }
    return String.join(" ", names) + " hold " + s.votesHeld() + " of " + s.votesTotal() + " votes";
  }

  /**
   * A stopping daemon gives up what it holds: one group at a time, the last in haresources first
   * (as Heartbeat), announcing each release once it stopped; it starts and fences nothing. A group
   * that is starting or stopping is waited for; an UNCLEAN one stays claimed, since it may still
   * run.
   */
  private static List<Action> shutdown(final ClusterState s) {
    final List<Action> actions = new ArrayList<>(2);
    boolean stopping = false;
    for (int i = s.groups().size() - 1; i >= 0; i--) {
      final GroupState g = s.groups().get(i);
      switch (g.local()) {
        case STOPPED -> {
          if (g.claimedBy().contains(s.self())) {
            actions.add(
                new Action.AnnounceRelease(
                    g.name(),
                    Reason.of(Rule.ANNOUNCE_RELEASE, "group " + g.name() + " stopped here")));
          }
        }
        case STARTING, STOPPING -> stopping = true;
        case RUNNING, UNKNOWN -> {
          if (!stopping) {
            stopping = true;
            actions.add(
                new Action.StopGroup(
                    g.name(),
                    Reason.of(
                        Rule.STOP_SHUTDOWN,
                        "daemon on " + s.self() + " stopping",
                        "group " + g.name() + " preferred " + g.preferredNode())));
          }
        }
        case UNCLEAN -> {}
      }
    }
    return actions;
  }

  private static void fence(final ClusterState s, final List<Action> actions) {
    if (!s.layout().fencing() || !fencer(s)) {
      return;
    }
    for (final NodeState n : s.nodes()) {
      if (n.status() != NodeStatus.DEAD
          || n.name().equals(s.self())
          || n.fence() != io.systole.engine.state.FenceStatus.NONE) {
        continue;
      }
      final List<String> held = held(s, n.name());
      final long delay =
          precedes(s, s.self(), n.name()) ? 0 : s.layout().guards().fenceDelayMicros();
      final String order =
          delay == 0
              ? "fenced at once by " + s.self()
              : "fenced by "
                  + s.self()
                  + " after "
                  + delay / 1000
                  + " ms, since "
                  + n.name()
                  + " would fence first";
      actions.add(
          new Action.RequestFence(
              n.name(),
              s.layout().fenceAgent(),
              delay,
              held.isEmpty()
                  ? Reason.of(
                      Rule.FENCE_DEAD,
                      "node " + n.name() + " dead since " + time(n.sinceMicros()),
                      "holding nothing known here",
                      order)
                  : Reason.of(
                      Rule.FENCE_DEAD_HOLDER,
                      "node " + n.name() + " dead since " + time(n.sinceMicros()),
                      "holding " + String.join(" ", held),
                      order)));
    }
  }

  /** The groups {@code node} claims, in group order. */
  private static List<String> held(final ClusterState s, final String node) {
    final List<String> held = new ArrayList<>();
    for (final GroupState g : s.groups()) {
      if (g.claimedBy().contains(node)) {
        held.add(g.name());
      }
    }
    return held;
  }

  /**
   * Whether {@code a} fences before {@code b} when each takes the other for dead: a node that holds
   * groups goes before one that holds none (its clients are the ones to keep), and then the node
   * lines decide. Both halves of a split cluster compute the same answer from the claims they both
   * knew when the link broke.
   */
  static boolean precedes(final ClusterState s, final String a, final String b) {
    final boolean aHolds = !held(s, a).isEmpty();
    final boolean bHolds = !held(s, b).isEmpty();
    if (aHolds != bHolds) {
      return aHolds;
    }
    return s.layout().nodeIndex(a) < s.layout().nodeIndex(b);
  }

  /**
   * Whether this node is the one that fences: the first node in node-line order that is a member of
   * this partition (this node, or a peer that is up and hears it). Never a node that is not itself
   * up: this node is always up in its own state, so it cannot pick itself as a target.
   */
  private static boolean fencer(final ClusterState s) {
    for (final NodeState n : s.nodes()) {
      if (n.name().equals(s.self())) {
        return true;
      }
      if (n.member()) {
        return false;
      }
    }
    return false;
  }

  private static void group(final ClusterState s, final GroupState g, final List<Action> out) {
    final boolean claimed = g.claimedBy().contains(s.self());
    switch (g.local()) {
      case UNKNOWN -> {
        // Claimed only because it may still run after the crash: number 0, the oldest claim
        // there is, so that it never outranks a node that took the group over meanwhile.
        claim(s, g, claimed, 0, out);
        out.add(
            new Action.StopGroup(
                g.name(),
                Reason.of(
                    Rule.STOP_RECOVER,
                    "daemon restarted after a crash",
                    "group " + g.name() + " was " + "not stopped here")));
      }
      case STARTING, STOPPING, UNCLEAN -> claim(s, g, claimed, out);
      case RUNNING -> {
        claim(s, g, claimed, out);
        if (g.recovery() == GroupState.Recovery.RESTART) {
          out.add(
              new Action.StopGroup(
                  g.name(),
                  Reason.of(
                      Rule.RESTART_MONITOR,
                      g.detail(),
                      "group " + g.name() + " restarted here once before it moves")));
        } else if (!g.configured()) {
          out.add(
              new Action.StopGroup(
                  g.name(),
                  Reason.of(Rule.STOP_REMOVED, "group " + g.name() + " not in haresources")));
        } else if (s.settled()) {
          final String owner = Placement.owner(s, g);
          if (owner != null && !owner.equals(s.self())) {
            out.add(new Action.StopGroup(g.name(), stopReason(s, g, owner)));
          }
        }
      }
      case STOPPED -> {
        if (claimed
            && g.recovery() == GroupState.Recovery.RESTART
            && g.configured()
            && s.settled()
            && !s.fencePending()
            && !s.heardOneWay()
            && Placement.otherHolder(s, g) == null
            && s.self().equals(Placement.owner(s, g))) {
          out.add(
              new Action.StartGroup(
                  g.name(),
                  Reason.of(
                      Rule.RESTART_MONITOR,
                      "group " + g.name() + " stopped after its monitor failed",
                      "starting it here again")));
        } else if (claimed) {
          out.add(
              new Action.AnnounceRelease(
                  g.name(),
                  Reason.of(Rule.ANNOUNCE_RELEASE, "group " + g.name() + " stopped here")));
        } else if (g.configured()
            && s.settled()
            && !s.fencePending()
            && !s.heardOneWay()
            && Placement.otherHolder(s, g) == null
            && s.self().equals(Placement.owner(s, g))) {
          final Reason why = startReason(s, g);
          claim(s, g, false, out);
          out.add(new Action.StartGroup(g.name(), why));
        }
      }
    }
  }

  private static void claim(
      final ClusterState s, final GroupState g, final boolean claimed, final List<Action> out) {
    claim(s, g, claimed, g.marks().term() + 1, out);
  }

  /** Announces a claim of {@code g} numbered {@code term} unless this node claims it already. */
  private static void claim(
      final ClusterState s,
      final GroupState g,
      final boolean claimed,
      final long term,
      final List<Action> out) {
    if (!claimed) {
      out.add(
          new Action.AnnounceClaim(
              g.name(),
              term,
              Reason.of(Rule.ANNOUNCE_CLAIM, "group " + g.name() + " taken by " + s.self())));
    }
  }

  private static Reason startReason(final ClusterState s, final GroupState g) {
    final String group = "group " + g.name() + " preferred " + g.preferredNode();
    final String nobody = "held by nobody";
    if (g.takeoverOn().contains(s.self())) {
      return Reason.of(Rule.START_TAKEOVER, group, "takeover asked on " + s.self(), nobody);
    }
    if (g.preferredNode().equals(s.self())) {
      return Reason.of(Rule.START_PREFERRED, group, nobody, failback(s));
    }
    return Reason.of(Rule.START_FAILOVER, why(s, g, g.preferredNode()), group, nobody, failback(s));
  }

  private static Reason stopReason(final ClusterState s, final GroupState g, final String owner) {
    final String group = "group " + g.name() + " preferred " + g.preferredNode();
    if (g.takeoverOn().contains(owner)) {
      return Reason.of(Rule.STOP_TAKEOVER_BY_PEER, "takeover asked on " + owner, group);
    }
    if (g.failedOn().contains(s.self())) {
      return Reason.of(
          Rule.STOP_FAILED_HERE,
          "group " + g.name() + " failed here: " + g.detail(),
          "node " + owner + " can take it");
    }
    final NodeState me = s.node(s.self());
    final NodeState other = s.node(owner);
    if (me != null && other != null && Placement.pings(s, me) < Placement.pings(s, other)) {
      return Reason.of(
          Rule.STOP_PING,
          "node " + owner + " reaches ping groups " + String.join(" ", other.pings()),
          s.self() + " reaches " + (me.pings().isEmpty() ? "none" : String.join(" ", me.pings())),
          group);
    }
    if (g.standbyOn().contains(s.self())) {
      return Reason.of(
          Rule.STOP_STANDBY,
          "standby asked on " + s.self(),
          group,
          "node " + owner + " can take it");
    }
    if (owner.equals(g.preferredNode()) && s.layout().failback() != Failback.OFF) {
      return Reason.of(Rule.STOP_FAILBACK, "node " + owner + " up and ready", group, failback(s));
    }
    return Reason.of(
        Rule.STOP_YIELD,
        "node " + owner + (Placement.holds(s, g, owner) ? " holds it too" : " is its owner"),
        group,
        failback(s));
  }

  /** Why {@code node} cannot run {@code g}, as evidence. */
  private static String why(final ClusterState s, final GroupState g, final String node) {
    final NodeState n = s.node(node);
    if (n == null) {
      return "node " + node + " not in the node lines";
    }
    if (g.failedOn().contains(node)) {
      return "group " + g.name() + " failed to start on " + node;
    }
    if (g.standbyOn().contains(node)) {
      return "standby asked on " + node;
    }
    return switch (n.status()) {
      case DEAD -> "node " + node + " dead since " + time(n.sinceMicros());
      case UNKNOWN -> "node " + node + " not heard since " + time(n.sinceMicros());
      case UP -> n.ready() ? "node " + node + " up" : "node " + node + " not ready";
    };
  }

  private static String failback(final ClusterState s) {
    return "auto_failback " + s.layout().failback().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** An entry time as evidence: UTC, so that the text does not depend on where it is read. */
  static String time(final long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L).toString();
  }
}
