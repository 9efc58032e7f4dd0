package io.systole.engine.state;

import java.util.List;

/**
 * One node as this node sees it: membership, each link, whether it announced that it finished
 * starting, its late-heartbeat warnings, and its fencing.
 *
 * @param sinceMicros when the status last changed (entry time)
 * @param ready whether the node announced that it heard every peer or waited out initdead; this
 *     node's own entry is always false (its readiness is derived, see {@link ClusterState#ready()})
 * @param lateWarnings late-heartbeat warnings since the node was last declared up
 * @param fenceDetail the reason or the error of the last fencing step, or the empty string
 */
public record NodeState(
    String name,
    NodeStatus status,
    long sinceMicros,
    List<LinkStatus> links,
    boolean ready,
    int lateWarnings,
    FenceStatus fence,
    String fenceDetail) {

  /** Copies the links so that the record is immutable. */
  public NodeState {
    links = List.copyOf(links);
  }

  /** A node not heard from yet. */
  static NodeState unknown(final String name, final long timeMicros) {
    return new NodeState(
        name, NodeStatus.UNKNOWN, timeMicros, List.of(), false, 0, FenceStatus.NONE, "");
  }

  NodeState withStatus(final NodeStatus next, final long timeMicros) {
    return next == status
        ? this
        : new NodeState(name, next, timeMicros, links, ready, lateWarnings, fence, fenceDetail);
  }

  NodeState withLinks(final List<LinkStatus> next) {
    return new NodeState(name, status, sinceMicros, next, ready, lateWarnings, fence, fenceDetail);
  }

  NodeState withReady(final boolean next) {
    return next == ready
        ? this
        : new NodeState(name, status, sinceMicros, links, next, lateWarnings, fence, fenceDetail);
  }

  NodeState withLateWarnings(final int next) {
    return new NodeState(name, status, sinceMicros, links, ready, next, fence, fenceDetail);
  }

  NodeState withFence(final FenceStatus next, final String detail) {
    return new NodeState(name, status, sinceMicros, links, ready, lateWarnings, next, detail);
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
