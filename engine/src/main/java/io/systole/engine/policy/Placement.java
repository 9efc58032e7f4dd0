package io.systole.engine.policy;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.event.Failback;
import java.util.List;

/**
 * Where a group belongs, from one node's state. Every node that sees the same membership, claims
 * and marks computes the same owner, with no messages beyond the heartbeats: the candidates are the
 * node lines in order starting at the group's preferred node (wrapping around), and the first rule
 * that names an eligible candidate wins: an admin's takeover; then, with auto_failback on, the
 * preferred node; then the node already holding it, and of two holders (after a partition heals, or
 * a frozen node wakes) the one with the newer claim: it took the group because the other seemed
 * gone, so clients already follow it, and the older holder is the one that missed what happened;
 * then the first candidate. Standby is soft: a node in standby is passed over unless no other
 * candidate is eligible. So are nodes that reach fewer ping groups than the best eligible node
 * (what Heartbeat's ipfail did): a node that lost its path to the clients hands its groups to one
 * that has it.
 */
public final class Placement {
  private Placement() {}

  /**
   * Whether {@code node} can run groups now: this node once it is ready, a peer when it is a member
   * (up and hearing this node) and announced that it is ready. Neither if the group failed to start
   * there.
   */
  static boolean eligible(final ClusterState s, final GroupState g, final NodeState node) {
    if (g.failedOn().contains(node.name())) {
      return false;
    }
    return node.name().equals(s.self())
        ? s.ready()
        : node.status() == NodeStatus.UP && node.ready();
  }

  /** The owner of {@code g} in {@code s}, or null when no node can run it. */
  public static String owner(final ClusterState s, final GroupState g) {
    final List<NodeState> nodes = s.nodes();
    final int n = nodes.size();
    if (n == 0 || !g.configured()) {
      return null;
    }
    final int first = Math.max(0, s.nodeIndex(g.preferredNode()));
    final int bestPings = bestPings(s, g);
    String takeover = null;
    String preferred = null;
    String holder = null;
    String any = null;
    String standby = null;
    for (int k = 0; k < n; k++) {
      final NodeState node = nodes.get((first + k) % n);
      if (!eligible(s, g, node)) {
        continue;
      }
      final String name = node.name();
      if (takeover == null && g.takeoverOn().contains(name)) {
        takeover = name;
      }
      if (g.standbyOn().contains(name) || pings(s, node) < bestPings) {
        standby = standby == null ? name : standby;
        continue;
      }
      if (k == 0) {
        preferred = name;
      }
      // A holder without a claim (this node, restarted with the group not known stopped) has
      // term -1: the oldest.
      if (holds(s, g, name)
          && (holder == null || g.marks().termOf(name) > g.marks().termOf(holder))) {
        holder = name;
      }
      any = any == null ? name : any;
    }
    if (takeover != null) {
      return takeover;
    }
    if (preferred != null && s.layout().failback() != Failback.OFF) {
      return preferred;
    }
    if (holder != null) {
      return holder;
    }
    return any != null ? any : standby;
  }

  /** The most ping groups an eligible node for {@code g} reaches. */
  static int bestPings(final ClusterState s, final GroupState g) {
    int best = 0;
    for (final NodeState node : s.nodes()) {
      if (eligible(s, g, node)) {
        best = Math.max(best, pings(s, node));
      }
    }
    return best;
  }

  /**
   * How many of the configured ping groups {@code node} reaches; a quorum file's lock, journaled
   * the same way, is not one.
   */
  static int pings(final ClusterState s, final NodeState node) {
    int n = 0;
    for (final String group : node.pings()) {
      n += s.layout().guards().pingGroups().contains(group) ? 1 : 0;
    }
    return n;
  }

  /** Whether {@code node} holds {@code g}: announced a claim, or (this node) has it not stopped. */
  static boolean holds(final ClusterState s, final GroupState g, final String node) {
    return g.claimedBy().contains(node) || (node.equals(s.self()) && g.local().held());
  }

  /** The first node other than this one that holds {@code g}, or null. */
  static String otherHolder(final ClusterState s, final GroupState g) {
    for (final String node : g.claimedBy()) {
      if (!node.equals(s.self())) {
        return node;
      }
    }
    return null;
  }
}
