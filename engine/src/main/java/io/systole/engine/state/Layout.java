package io.systole.engine.state;

import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Quorum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the configuration in force that decisions depend on: the nodes in {@code node}-line
 * order, the resource groups in haresources order, auto_failback, the fencing agent and the other
 * split-brain guards (quorum, votes, tiebreaker, fencing delay, ping groups). It comes from the
 * journal's {@link ConfigLoaded} entries, so a replay needs no configuration files.
 *
 * @param fenceAgent the STONITH agent, or the empty string when fencing is not configured
 */
public record Layout(
    String sha256,
    List<String> nodes,
    List<ConfigLoaded.Group> groups,
    Failback failback,
    String fenceAgent,
    ConfigLoaded.Guards guards) {

  /** Before any configuration is loaded: no nodes, no groups. */
  public static final Layout EMPTY =
      new Layout("", List.of(), List.of(), Failback.LEGACY, "", ConfigLoaded.Guards.NONE);

  /** Copies the lists so that the record is immutable. */
  public Layout {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  /**
   * The layout that {@code loaded} puts in force. A node or group named twice counts once, as its
   * first line says: the state holds one entry per name, so a second one would never be updated.
   */
  public static Layout of(final ConfigLoaded loaded) {
    final Map<String, ConfigLoaded.Group> groups = new LinkedHashMap<>();
    for (final ConfigLoaded.Group g : loaded.groups()) {
      groups.putIfAbsent(g.name(), g);
    }
    return new Layout(
        loaded.sha256(),
        loaded.nodes().stream().distinct().toList(),
        List.copyOf(groups.values()),
        loaded.failback(),
        loaded.fenceAgent(),
        loaded.guards());
  }

  /** Whether a fencing agent is configured, so that dead nodes are fenced before takeover. */
  public boolean fencing() {
    return !fenceAgent.isEmpty();
  }

  /** Whether only a partition with quorum runs groups. */
  public boolean quorum() {
    return guards.quorum() == Quorum.MAJORITY;
  }

  /** The votes of the node at {@code index} in the node lines: one unless configured. */
  public int votes(final int index) {
    return index < guards.votes().size() ? guards.votes().get(index) : 1;
  }

  /** The position of {@code node} in the node lines, or -1. */
  public int nodeIndex(final String node) {
    return nodes.indexOf(node);
  }
}
