package io.systole.engine.config;

import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Failback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole configuration of one node, read from one directory: ha.cf, haresources and authkeys,
 * checked together. {@code sha256} identifies exactly these files, so the journal can record which
 * configuration every decision was made under.
 *
 * @param directory where the files were read
 * @param localNode this node's name, lower-cased
 * @param haCf the effective ha.cf
 * @param groups the resource groups, in file order
 * @param authKeys the keys
 * @param sha256 hex SHA-256 over the three files' names and bytes
 */
public record ClusterConfig(
    Path directory,
    String localNode,
    HaCf haCf,
    List<ResourceGroup> groups,
    AuthKeys authKeys,
    String sha256) {
  /** The fencing agent journaled by a node of a fencing cluster that has no device of its own. */
  public static final String NO_DEVICE = "none";

  /**
   * The fencing agent this node journals: the type of the first stonith line that applies to it,
   * {@link #NO_DEVICE} in a cluster with stonith lines none of which applies to it (it must not
   * take a dead peer's groups unfenced; its requests fail until another node or an operator
   * fences), or the empty string without fencing.
   */
  public String fenceAgent() {
    return haCf.stonithFor(localNode)
        .map(HaCf.Stonith::type)
        .orElse(haCf.stonith().isEmpty() ? "" : NO_DEVICE);
  }

  /** Copies the groups. */
  public ClusterConfig {
    groups = List.copyOf(groups);
  }

  /**
   * The journal entry that puts this configuration in force: the digest and the part decisions
   * depend on, so that the journal replays without these files. The fencing agent is the first
   * {@code stonith}/{@code stonith_host} line's type (one that applies to this node or to all); the
   * guards are quorum, votes, tiebreaker, the fencing delay and the ping groups.
   */
  public ConfigLoaded toEvent() {
    final List<ConfigLoaded.Group> layout = new ArrayList<>(groups.size());
    for (final ResourceGroup g : groups) {
      final List<String> resources = new ArrayList<>(g.resources().size());
      for (final ResourceGroup.Resource r : g.resources()) {
        resources.add(r.text());
      }
      layout.add(new ConfigLoaded.Group(g.name(), g.preferredNode(), resources));
    }
    final Failback failback =
        switch (haCf.autoFailback()) {
          case ON -> Failback.ON;
          case OFF -> Failback.OFF;
          case LEGACY -> Failback.LEGACY;
        };
    final String agent = fenceAgent();
    final List<Integer> votes = new ArrayList<>(haCf.nodes().size());
    for (final String node : haCf.nodes()) {
      votes.add(haCf.guards().votes().getOrDefault(node, 1));
    }
    final List<String> pingGroups = new ArrayList<>(haCf.pingGroups().size());
    for (final HaCf.PingGroup g : haCf.pingGroups()) {
      pingGroups.add(g.name());
    }
    final ConfigLoaded.Guards guards =
        new ConfigLoaded.Guards(
            haCf.guards().quorum(),
            haCf.guards().votes().isEmpty() ? List.of() : votes,
            haCf.guards().tiebreaker(),
            haCf.guards().fenceDelayMs() * 1000L,
            pingGroups);
    return new ConfigLoaded(
        directory.toString(), sha256, haCf.nodes(), layout, failback, agent, guards);
  }
}
