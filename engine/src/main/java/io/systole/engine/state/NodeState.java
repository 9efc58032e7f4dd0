package io.systole.engine.state;

import java.util.List;

/**
 * One node as this node sees it: membership, each link, whether it announced that it finished
 * starting, its late-heartbeat warnings, its fencing, whether it hears this node, the ping groups
 * it reaches and whether it announced that it is leaving.
 *
 * @param sinceMicros when the status last changed (entry time)
 * @param ready whether the node announced that it heard every peer or waited out initdead; this
 *     node's own entry is always false (its readiness is derived, see {@link ClusterState#ready()})
 * @param lateWarnings late-heartbeat warnings since the node was last declared up
 * @param fenceDetail the reason or the error of the last fencing step, or the empty string
 * @param hearsSelf whether the node's last announcement said it hears this node (true for a node
 *     that does not say, such as a Heartbeat node, and for this node itself)
 * @param pings the ping groups the node reaches: announced by a peer, journaled here for this node
 * @param leaving whether the node announced that its daemon is stopping cleanly
 * @param pingsJudged this node's own entry: the ping groups its prober gave a verdict on since the
 *     daemon started (it is not ready before it judged them all); empty for a peer
 */
public record NodeState(
    String name,
    NodeStatus status,
    long sinceMicros,
    List<LinkStatus> links,
    boolean ready,
    int lateWarnings,
    FenceStatus fence,
    String fenceDetail,
    boolean hearsSelf,
    List<String> pings,
    boolean leaving,
    List<String> pingsJudged) {

  /** Copies the lists so that the record is immutable. */
  public NodeState {
    links = List.copyOf(links);
    pings = List.copyOf(pings);
    pingsJudged = List.copyOf(pingsJudged);
  }

  /** A node not heard from yet. */
  static NodeState unknown(final String name, final long timeMicros) {
    return new NodeState(
        name,
        NodeStatus.UNKNOWN,
        timeMicros,
        List.of(),
        false,
        0,
        FenceStatus.NONE,
        "",
        true,
        List.of(),
        false,
        List.of());
  }

  NodeState withStatus(final NodeStatus next, final long timeMicros) {
    return next == status
        ? this
        : new NodeState(
            name,
            next,
            timeMicros,
            links,
            ready,
            lateWarnings,
            fence,
            fenceDetail,
            hearsSelf,
            pings,
            leaving,
            pingsJudged);
  }

  NodeState withLinks(final List<LinkStatus> next) {
    return new NodeState(
        name,
        status,
        sinceMicros,
        next,
        ready,
        lateWarnings,
        fence,
        fenceDetail,
        hearsSelf,
        pings,
        leaving,
        pingsJudged);
  }

  NodeState withReady(final boolean next) {
    return next == ready
        ? this
        : new NodeState(
            name,
            status,
            sinceMicros,
            links,
            next,
            lateWarnings,
            fence,
            fenceDetail,
            hearsSelf,
            pings,
            leaving,
            pingsJudged);
  }

  NodeState withLateWarnings(final int next) {
    return new NodeState(
        name,
        status,
        sinceMicros,
        links,
        ready,
        next,
        fence,
        fenceDetail,
        hearsSelf,
        pings,
        leaving,
        pingsJudged);
  }

  NodeState withFence(final FenceStatus next, final String detail) {
    return new NodeState(
        name,
        status,
        sinceMicros,
        links,
        ready,
        lateWarnings,
        next,
        detail,
        hearsSelf,
        pings,
        leaving,
        pingsJudged);
  }

  /** This node with what it last announced about its hearing, its ping groups and its leaving. */
  NodeState withAnnounced(
      final boolean nextHearsSelf, final List<String> nextPings, final boolean nextLeaving) {
    return new NodeState(
        name,
        status,
        sinceMicros,
        links,
        ready,
        lateWarnings,
        fence,
        fenceDetail,
        nextHearsSelf,
        nextPings,
        nextLeaving,
        pingsJudged);
  }

  /** This node with a verdict on ping group {@code group}: it reaches it or not. */
  NodeState withPing(final String group, final boolean reachable) {
    final boolean has = pings.contains(group);
    final List<String> nextPings =
        has == reachable
            ? pings
            : reachable ? Lists.with(pings, group) : Lists.without(pings, group);
    return new NodeState(
        name,
        status,
        sinceMicros,
        links,
        ready,
        lateWarnings,
        fence,
        fenceDetail,
        hearsSelf,
        nextPings,
        leaving,
        pingsJudged.contains(group) ? pingsJudged : Lists.with(pingsJudged, group));
  }

  /** Whether the node is up and hears this node: a member of this node's partition. */
  public boolean member() {
    return status == NodeStatus.UP && hearsSelf;
  }

  /** Whether fencing of this node is done or not needed, so that nothing it ran can still run. */
  public boolean fencedOrLeft() {
    return fence == FenceStatus.SUCCEEDED || fence == FenceStatus.UNNEEDED;
  }

  /** The status of {@code link}, or null when it never carried this node. */
  public LinkStatus link(final String link) {
    for (final LinkStatus l : links) {
      if (l.link().equals(link)) {
        return l;
      }
    }
    return null;
  }
}
