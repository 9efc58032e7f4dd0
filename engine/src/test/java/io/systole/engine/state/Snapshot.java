package io.systole.engine.state;

import io.systole.journal.event.ConfigLoaded;
import java.util.ArrayList;
import java.util.List;

/**
 * A deep copy of a state, as a snapshot written out and read back would give: every record and list
 * rebuilt, nothing shared with the original.
 */
public final class Snapshot {
  private Snapshot() {}

  /** A copy of {@code s} that shares no object with it but its strings. */
  public static ClusterState copy(final ClusterState s) {
    final List<NodeState> nodes = new ArrayList<>();
    for (final NodeState n : s.nodes()) {
      final List<LinkStatus> links = new ArrayList<>();
      for (final LinkStatus l : n.links()) {
        links.add(new LinkStatus(l.link(), l.up(), l.sinceMicros()));
      }
      nodes.add(
          new NodeState(
              n.name(),
              n.status(),
              n.sinceMicros(),
              links,
              n.ready(),
              n.lateWarnings(),
              n.fence(),
              n.fenceDetail(),
              n.hearsSelf(),
              new ArrayList<>(n.pings()),
              n.leaving(),
              new ArrayList<>(n.pingsJudged())));
    }
    final List<GroupState> groups = new ArrayList<>();
    for (final GroupState g : s.groups()) {
      final List<ResourceState> resources = new ArrayList<>();
      for (final ResourceState r : g.resources()) {
        resources.add(new ResourceState(r.resource(), r.status(), r.detail()));
      }
      groups.add(
          new GroupState(
              g.name(),
              g.preferredNode(),
              g.configured(),
              g.local(),
              g.sinceMicros(),
              resources,
              new GroupMarks(
                  new ArrayList<>(g.claimedBy()),
                  new ArrayList<>(g.marks().claimTerms()),
                  g.marks().term(),
                  new ArrayList<>(g.failedOn()),
                  new ArrayList<>(g.standbyOn()),
                  new ArrayList<>(g.takeoverOn())),
              g.detail(),
              g.recovery()));
    }
    final Layout l = s.layout();
    final List<ConfigLoaded.Group> layoutGroups = new ArrayList<>();
    for (final ConfigLoaded.Group g : l.groups()) {
      layoutGroups.add(
          new ConfigLoaded.Group(g.name(), g.preferredNode(), new ArrayList<>(g.resources())));
    }
    return new ClusterState(
        s.self(),
        new Layout(
            l.sha256(),
            new ArrayList<>(l.nodes()),
            layoutGroups,
            l.failback(),
            l.fenceAgent(),
            new ConfigLoaded.Guards(
                l.guards().quorum(),
                new ArrayList<>(l.guards().votes()),
                l.guards().tiebreaker(),
                l.guards().fenceDelayMicros(),
                new ArrayList<>(l.guards().pingGroups()))),
        s.timeMicros(),
        s.daemon(),
        nodes,
        groups,
        s.unmatched());
  }
}
