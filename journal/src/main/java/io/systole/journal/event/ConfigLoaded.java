package io.systole.journal.event;

import java.util.List;

/**
 * A configuration was read from {@code source} and put in force. {@code sha256} is the hex digest
 * of its files; the rest is the part of it that decisions depend on (the nodes in {@code node}-line
 * order, the resource groups, auto_failback, the fencing agent), so that a journal copied to a
 * laptop replays without the configuration files. A journal written before version 2 of this event
 * holds only the source and the digest; its lists are empty.
 *
 * @param fenceAgent the STONITH agent configured, or the empty string when fencing is not
 * @param guards what protects against split brain besides fencing: quorum, votes, the tiebreaker,
 *     the fencing delay and the ping groups (version 3 of this event; {@link Guards#NONE} before)
 */
public record ConfigLoaded(
    String source,
    String sha256,
    List<String> nodes,
    List<Group> groups,
    Failback failback,
    String fenceAgent,
    Guards guards)
    implements Event {

  /** Copies the lists so that the record stays immutable. */
  public ConfigLoaded {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  /** A configuration with no quorum, no tiebreaker and no ping groups (Heartbeat's defaults). */
  public ConfigLoaded(
      final String source,
      final String sha256,
      final List<String> nodes,
      final List<Group> groups,
      final Failback failback,
      final String fenceAgent) {
    this(source, sha256, nodes, groups, failback, fenceAgent, Guards.NONE);
  }

  /** A configuration known only by its source and digest (how version 1 recorded it). */
  public ConfigLoaded(final String source, final String sha256) {
    this(source, sha256, List.of(), List.of(), Failback.LEGACY, "", Guards.NONE);
  }

  /**
   * The split-brain guards in force besides the fencing agent.
   *
   * @param quorum which partition may run groups
   * @param votes each node's votes, in node-line order; empty when every node has one
   * @param tiebreaker the ping group that gives quorum to a partition holding exactly half of the
   *     votes, or the empty string for none
   * @param fenceDelayMicros how long a node waits before it fences a peer that has the precedence
   *     (it holds groups and this node does not, or it comes first in the node lines), so that of
   *     two halves of a split cluster that fence each other, one goes first
   * @param pingGroups the ping groups configured, in ha.cf order
   */
  public record Guards(
      Quorum quorum,
      List<Integer> votes,
      String tiebreaker,
      long fenceDelayMicros,
      List<String> pingGroups) {
    /** No quorum, no tiebreaker, no fencing delay, no ping groups. */
    public static final Guards NONE = new Guards(Quorum.OFF, List.of(), "", 0, List.of());

    /** Copies the lists so that the record stays immutable. */
    public Guards {
      votes = List.copyOf(votes);
      pingGroups = List.copyOf(pingGroups);
    }
  }

  /**
   * One haresources line: the group's name (its first resource), its preferred node and its
   * resources in start order.
   */
  public record Group(String name, String preferredNode, List<String> resources) {
    /** Copies the resources. */
    public Group {
      resources = List.copyOf(resources);
    }
  }
}
