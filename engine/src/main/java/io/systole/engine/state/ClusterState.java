package io.systole.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one node knows about the cluster, as the fold of its journal: the layout in force,
 * whether its daemon runs, each node's membership and links, each group's status here and the
 * claims and marks of every node. Immutable; {@link Fold} derives the next state from an entry.
 * Equal journals give equal states, so replay is compared with live by {@code equals}.
 *
 * @param self the node whose journal this is
 * @param timeMicros the time of the last entry folded (epoch microseconds), 0 before any
 * @param daemon whether the daemon runs, and whether it last stopped cleanly
 * @param nodes every configured node in node-line order, this node included
 * @param groups every configured group in haresources order, then groups dropped from the
 *     configuration that are not stopped here yet
 * @param unmatched entries that named a node or group not in the layout: counted, never fatal
 */
public record ClusterState(
    String self,
    Layout layout,
    long timeMicros,
    Daemon daemon,
    List<NodeState> nodes,
    List<GroupState> groups,
    long unmatched) {

  /** Copies the lists so that the record is immutable. */
  public ClusterState {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  /** The state of node {@code self} before its journal's first entry. */
  public static ClusterState initial(final String self) {
    return new ClusterState(self, Layout.EMPTY, 0L, Daemon.NEVER_STARTED, List.of(), List.of(), 0);
  }

  /** Where the daemon is in its life, from its start and stop entries. */
  public enum Daemon {
    NEVER_STARTED,
    RUNNING,
    /** Asked to stop: gives up its groups, starts nothing. */
    STOPPING,
    STOPPED
  }

  /** The node named {@code name}, or -1. */
  public int nodeIndex(final String name) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The node named {@code name}, or null. */
  public NodeState node(final String name) {
    final int i = nodeIndex(name);
    return i < 0 ? null : nodes.get(i);
  }

  /** The group named {@code name}, or -1. */
  public int groupIndex(final String name) {
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The group named {@code name}, or null. */
  public GroupState group(final String name) {
    final int i = groupIndex(name);
    return i < 0 ? null : groups.get(i);
  }

  /** Whether this node is one of the configured nodes, so that it may run groups at all. */
  public boolean selfConfigured() {
    return nodeIndex(self) >= 0;
  }

  /**
   * Whether this node has finished starting: its daemon runs, every peer has been heard or declared
   * dead (which the detector does after initdead), and its prober has judged every ping group (so
   * that no peer compares its reach with a count that is not known yet). Announced to peers as
   * "ready".
   */
  public boolean ready() {
    if (daemon != Daemon.RUNNING) {
      return false;
    }
    // One pass: this node must be configured, with every ping group judged, and no peer unknown.
    boolean configured = false;
    for (final NodeState n : nodes) {
      if (n.name().equals(self)) {
        if (!n.pingsJudged().containsAll(layout.guards().pingGroups())) {
          return false;
        }
        configured = true;
      } else if (n.status() == NodeStatus.UNKNOWN) {
        return false;
      }
    }
    return configured;
  }

  /**
   * Whether membership has settled: this node is ready and every peer that is up is ready too, so
   * that all nodes that see this membership compute the same owners. A peer that is up but does not
   * hear this node still counts here: it may say so only because it has not heard this node yet (it
   * just started), and placing its groups without it could start them twice.
   */
  public boolean settled() {
    if (daemon != Daemon.RUNNING) {
      return false;
    }
    // One pass, as ready() and then no peer up but not ready: the policy asks once per group.
    boolean configured = false;
    for (final NodeState n : nodes) {
      if (n.name().equals(self)) {
        if (!n.pingsJudged().containsAll(layout.guards().pingGroups())) {
          return false;
        }
        configured = true;
      } else if (n.status() == NodeStatus.UNKNOWN || (n.status() == NodeStatus.UP && !n.ready())) {
        return false;
      }
    }
    return configured;
  }

  /**
   * Whether this node's partition may run groups: always without quorum; with quorum, when this
   * node and the members it has hold more than half of the configured votes, or exactly half and
   * this node reaches the tiebreaker ping group.
   */
  public boolean quorate() {
    if (!layout.quorum()) {
      return true;
    }
    final long have = votesHeld();
    final long total = votesTotal();
    if (2 * have > total) {
      return true;
    }
    final String tiebreaker = layout.guards().tiebreaker();
    final NodeState me = node(self);
    return 2 * have == total
        && !tiebreaker.isEmpty()
        && me != null
        && me.pings().contains(tiebreaker);
  }

  /** Whether {@code n} is in this node's partition: this node, or a member (up, hearing it). */
  public boolean inPartition(final NodeState n) {
    return n.name().equals(self) || n.member();
  }

  /** The votes of this node's partition. */
  public long votesHeld() {
    long have = 0;
    for (final NodeState n : nodes) {
      if (inPartition(n)) {
        have += layout.votes(layout.nodeIndex(n.name()));
      }
    }
    return have;
  }

  /** The votes of every configured node. */
  public long votesTotal() {
    long total = 0;
    for (final NodeState n : nodes) {
      total += layout.votes(layout.nodeIndex(n.name()));
    }
    return total;
  }

  /**
   * Whether a peer is dead and not yet fenced while fencing is configured: it may still run any
   * group (even one whose claim never reached this node), so no group may start here until it is.
   */
  public boolean fencePending() {
    if (!layout.fencing()) {
      return false;
    }
    for (final NodeState n : nodes) {
      if (n.status() == NodeStatus.DEAD && !n.name().equals(self) && !n.fencedOrLeft()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some peer is up but says it does not hear this node: it would not learn of a claim made
   * here and could start the same group, so nothing starts here until the hearing is mutual again
   * (or the peer is declared dead, and fenced where fencing is configured). A peer that just
   * started says so until it heard this node: that costs a start a keepalive at most.
   */
  public boolean heardOneWay() {
    for (final NodeState n : nodes) {
      if (n.status() == NodeStatus.UP && !n.hearsSelf() && !n.name().equals(self)) {
        return true;
      }
    }
    return false;
  }

  /** The peers this node hears (up in its view), in node-line order: announced to them. */
  public List<String> heardHere() {
    final List<String> heard = new ArrayList<>(nodes.size());
    for (final NodeState n : nodes) {
      if (n.status() == NodeStatus.UP && !n.name().equals(self)) {
        heard.add(n.name());
      }
    }
    return List.copyOf(heard);
  }

  /** The ping groups this node reaches: announced to the peers. */
  public List<String> pingsHere() {
    final NodeState me = node(self);
    return me == null ? List.of() : me.pings();
  }

  /**
   * Whether a stopping daemon is done: every group is stopped here and its release announced. A
   * group that failed to stop ({@code UNCLEAN}) keeps the daemon from being done: it may still run,
   * and once this node stopped heart beating its peers would take it over. The daemon then stays,
   * claiming it, until an admin cleans it up (or the caller's patience ends).
   */
  public boolean stopDone() {
    if (daemon != Daemon.STOPPING) {
      return false;
    }
    for (final GroupState g : groups) {
      if (g.local() != GroupStatus.STOPPED || g.claimedBy().contains(self)) {
        return false;
      }
    }
    return true;
  }

  /** The groups this node announces it failed to start, in group order. */
  public List<String> failedHere() {
    return marked(GroupState::failedOn);
  }

  /** The groups an admin put in standby on this node, in group order. */
  public List<String> standbyHere() {
    return marked(GroupState::standbyOn);
  }

  /** The groups an admin told this node to take over, in group order. */
  public List<String> takeoverHere() {
    return marked(GroupState::takeoverOn);
  }

  /** The groups this node has announced it holds, in group order. */
  public List<String> claimedHere() {
    return marked(GroupState::claimedBy);
  }

  /** The claim number of each of {@link #claimedHere()}, in the same order. */
  public List<Long> claimTermsHere() {
    final List<Long> terms = new ArrayList<>();
    for (final GroupState g : groups) {
      final long term = g.marks().termOf(self);
      if (term >= 0) {
        terms.add(term);
      }
    }
    return List.copyOf(terms);
  }

  private List<String> marked(final Function<GroupState, List<String>> marks) {
    final List<String> names = new ArrayList<>();
    for (final GroupState g : groups) {
      if (marks.apply(g).contains(self)) {
        names.add(g.name());
      }
    }
    return List.copyOf(names);
  }
}
