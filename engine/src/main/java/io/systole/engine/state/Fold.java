package io.systole.engine.state;

import io.systole.journal.Entry;
import io.systole.journal.codec.EventType;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Event;
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
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The fold: the state after one journal entry, from the state before it. Pure and total: no clock
 * (time is the entry's), no I/O, and every event in every state gives a state. An entry that names
 * a node or group the layout does not know changes nothing but the {@code unmatched} count, and an
 * event that cannot apply (a peer's announcement about this node, say) changes nothing.
 */
public final class Fold {
  private Fold() {}

  /** The state after {@code entry}. */
  public static ClusterState apply(final ClusterState state, final Entry entry) {
    return apply(state, entry.timeMicros(), entry.event());
  }

  /** The state after {@code event}, journaled at {@code timeMicros}. */
  public static ClusterState apply(
      final ClusterState state, final long timeMicros, final Event event) {
    // Each step reads the state before the entry and builds the one after it with the entry's
    // time, t, in one go: no intermediate state just to carry the time.
    final ClusterState s = state;
    final long t = timeMicros;
    return switch (EventType.of(event)) {
      case NODE_UP -> nodeUp(s, t, (NodeUp) event);
      case NODE_WARN -> nodeWarn(s, t, (NodeWarn) event);
      case NODE_DEAD -> nodeDead(s, t, (NodeDead) event);
      case LINK_UP -> link(s, t, ((LinkUp) event).node(), ((LinkUp) event).link(), true);
      case LINK_DEAD -> link(s, t, ((LinkDead) event).node(), ((LinkDead) event).link(), false);
      case GROUP_START -> groupStart(s, t, (GroupStart) event);
      case GROUP_STOP -> groupStop(s, t, (GroupStop) event);
      case RESOURCE_START -> resourceStart(s, t, (ResourceStart) event);
      case RESOURCE_STOP -> resourceStop(s, t, (ResourceStop) event);
      case MONITOR_FAILED -> monitorFailed(s, t, (MonitorFailed) event);
      case PEER_CLAIM -> {
        final PeerClaim e = (PeerClaim) event;
        yield claim(s, t, e.node(), e.group(), e.term());
      }
      case PEER_RELEASE ->
          claim(s, t, ((PeerRelease) event).node(), ((PeerRelease) event).group(), RELEASED);
      case PEER_STATUS -> peerStatus(s, t, (PeerStatus) event);
      case ADMIN_STANDBY ->
          admin(s, t, ((AdminStandby) event).node(), ((AdminStandby) event).scope(), false);
      case ADMIN_TAKEOVER ->
          admin(s, t, ((AdminTakeover) event).node(), ((AdminTakeover) event).scope(), true);
      case ADMIN_CLEANUP -> cleanup(s, t, (AdminCleanup) event);
      case FENCE -> fence(s, t, (Fence) event);
      case PING_STATUS -> ping(s, t, (PingStatus) event);
      case CONFIG_LOADED -> configLoaded(s, t, (ConfigLoaded) event);
      case DAEMON_STARTED -> daemonStarted(s, t);
      case DAEMON_STOPPED -> daemonStopped(s, t);
      case CHECKPOINT -> at(s, t);
      case DAEMON_STOPPING ->
          s.daemon() == ClusterState.Daemon.RUNNING
              ? new ClusterState(
                  s.self(),
                  s.layout(),
                  t,
                  ClusterState.Daemon.STOPPING,
                  s.nodes(),
                  s.groups(),
                  s.unmatched())
              : at(s, t);
    };
  }

  /** {@code s} unchanged but for the time: for an entry that changes nothing else. */
  private static ClusterState at(final ClusterState s, final long t) {
    return new ClusterState(
        s.self(), s.layout(), t, s.daemon(), s.nodes(), s.groups(), s.unmatched());
  }

  private static ClusterState unmatched(final ClusterState s, final long t) {
    return new ClusterState(
        s.self(), s.layout(), t, s.daemon(), s.nodes(), s.groups(), s.unmatched() + 1);
  }

  private static ClusterState withNodes(
      final ClusterState s, final long t, final List<NodeState> nodes) {
    return new ClusterState(s.self(), s.layout(), t, s.daemon(), nodes, s.groups(), s.unmatched());
  }

  private static ClusterState withGroups(
      final ClusterState s, final long t, final List<GroupState> groups) {
    return new ClusterState(s.self(), s.layout(), t, s.daemon(), s.nodes(), groups, s.unmatched());
  }

  private static ClusterState withNode(
      final ClusterState s, final long t, final int i, final NodeState n) {
    return withNodes(s, t, Lists.replace(s.nodes(), i, n));
  }

  private static ClusterState withGroup(
      final ClusterState s, final long t, final int i, final GroupState g) {
    return withGroups(s, t, Lists.replace(s.groups(), i, g));
  }

  /**
   * {@code s} with this node's group {@code i} now {@code g}; a group dropped from the
   * configuration leaves the state once it is neither held nor claimed here.
   */
  private static ClusterState withOwnGroup(
      final ClusterState s, final long t, final int i, final GroupState g) {
    return kept(s, g) ? withGroup(s, t, i, g) : withGroups(s, t, removed(s.groups(), i));
  }

  /** Whether {@code g} stays in the state: configured, or held or claimed by this node. */
  private static boolean kept(final ClusterState s, final GroupState g) {
    return g.configured() || g.local().held() || g.claimedBy().contains(s.self());
  }

  /** The index of peer {@code node} (not this node), or -1. */
  private static int peer(final ClusterState s, final String node) {
    return node.equals(s.self()) ? -1 : s.nodeIndex(node);
  }

  // Membership

  private static ClusterState nodeUp(final ClusterState s, final long t, final NodeUp e) {
    final int i = peer(s, e.node());
    if (i < 0) {
      return unmatched(s, t);
    }
    final NodeState n = s.nodes().get(i);
    final NodeState up =
        n.status() == NodeStatus.UP ? n : n.withStatus(NodeStatus.UP, t).withLateWarnings(0);
    return withNode(s, t, i, up.withLinks(links(n.links(), e.link(), true, t)));
  }

  private static ClusterState nodeWarn(final ClusterState s, final long t, final NodeWarn e) {
    final int i = peer(s, e.node());
    if (i < 0) {
      return unmatched(s, t);
    }
    final NodeState n = s.nodes().get(i);
    return withNode(s, t, i, n.withLateWarnings(n.lateWarnings() + 1));
  }

  private static ClusterState nodeDead(final ClusterState s, final long t, final NodeDead e) {
    final int i = peer(s, e.node());
    if (i < 0) {
      return unmatched(s, t);
    }
    final NodeState n = s.nodes().get(i);
    final List<LinkStatus> links = new ArrayList<>(n.links().size());
    for (final LinkStatus l : n.links()) {
      links.add(l.up() ? new LinkStatus(l.link(), false, t) : l);
    }
    // A death is a new incident: it needs fencing of its own, unless the node said it was leaving
    // and held nothing, so that nothing of it can still run.
    final boolean left = n.leaving() && !claimsAny(s, e.node());
    final NodeState dead =
        n.withStatus(NodeStatus.DEAD, t)
            .withLinks(links)
            .withReady(false)
            .withAnnounced(true, List.of(), false)
            .withFence(
                left ? FenceStatus.UNNEEDED : FenceStatus.NONE,
                left ? "announced a clean stop and held nothing" : "");
    // Without fencing a silent node is taken to have stopped what it held; with fencing its
    // claims stand until the fence succeeds, so that nothing it may still run is started twice.
    return forgetPeer(withNode(s, t, i, dead), t, e.node(), !s.layout().fencing());
  }

  /** Whether {@code node} claims any group. */
  private static boolean claimsAny(final ClusterState s, final String node) {
    for (final GroupState g : s.groups()) {
      if (g.claimedBy().contains(node)) {
        return true;
      }
    }
    return false;
  }

  private static ClusterState link(
      final ClusterState s, final long t, final String node, final String link, final boolean up) {
    final int i = peer(s, node);
    if (i < 0) {
      return unmatched(s, t);
    }
    final NodeState n = s.nodes().get(i);
    return withNode(s, t, i, n.withLinks(links(n.links(), link, up, t)));
  }

  private static List<LinkStatus> links(
      final List<LinkStatus> links, final String link, final boolean up, final long timeMicros) {
    for (int j = 0; j < links.size(); j++) {
      final LinkStatus l = links.get(j);
      if (l.link().equals(link)) {
        return l.up() == up ? links : Lists.replace(links, j, new LinkStatus(link, up, timeMicros));
      }
    }
    final List<LinkStatus> copy = new ArrayList<>(links.size() + 1);
    copy.addAll(links);
    copy.add(new LinkStatus(link, up, timeMicros));
    return copy;
  }

  /**
   * Drops what {@code node} announced (readiness, failure, standby and takeover marks), and its
   * claims when {@code claimsToo}.
   */
  private static ClusterState forgetPeer(
      final ClusterState s, final long t, final String node, final boolean claimsToo) {
    final List<GroupState> groups = new ArrayList<>(s.groups().size());
    for (final GroupState g : s.groups()) {
      groups.add(g.withMarks(g.marks().withoutPeer(node, claimsToo)));
    }
    return withGroups(s, t, groups);
  }

  // Claims, announcements, admin requests

  /** The claim number {@link #claim} takes for a release. */
  private static final long RELEASED = -1;

  /** A claim of {@code group} by {@code node} with number {@code term}, or its release. */
  private static ClusterState claim(
      final ClusterState s, final long t, final String node, final String group, final long term) {
    final boolean claimed = term != RELEASED;
    final int g = s.groupIndex(group);
    if (g < 0 || s.nodeIndex(node) < 0) {
      return unmatched(s, t);
    }
    final GroupState gs = s.groups().get(g);
    return withOwnGroup(
        s,
        t,
        g,
        gs.withMarks(claimed ? gs.marks().withClaim(node, term) : gs.marks().withoutClaim(node))
            // Released here: a pending restart is off, the group goes where the owner is.
            .withRecovery(
                !claimed && node.equals(s.self()) && gs.local() == GroupStatus.STOPPED
                    ? GroupState.Recovery.NONE
                    : gs.recovery()));
  }

  private static ClusterState peerStatus(final ClusterState s, final long t, final PeerStatus e) {
    final int i = peer(s, e.node());
    if (i < 0) {
      return unmatched(s, t);
    }
    final ClusterState ready =
        withNode(
            s,
            t,
            i,
            s.nodes()
                .get(i)
                .withReady(e.ready())
                .withAnnounced(e.hearsNode(s.self()), e.pings(), e.leaving()));
    final List<GroupState> groups = new ArrayList<>(s.groups().size());
    for (final GroupState g : ready.groups()) {
      final String name = g.name();
      groups.add(
          g.withMarks(
              g.marks()
                  .withFailed(e.node(), e.failed().contains(name))
                  .withAdmin(e.node(), e.standby().contains(name), e.takeover().contains(name))));
    }
    return withGroups(ready, t, groups);
  }

  private static ClusterState admin(
      final ClusterState s,
      final long t,
      final String node,
      final Scope scope,
      final boolean takeover) {
    if (s.nodeIndex(node) < 0) {
      return unmatched(s, t);
    }
    final List<GroupState> groups = new ArrayList<>(s.groups().size());
    for (final GroupState g : s.groups()) {
      if (!inScope(g, node, scope)) {
        groups.add(g);
        continue;
      }
      groups.add(g.withMarks(g.marks().withAdmin(node, !takeover, takeover)));
    }
    return withGroups(s, t, groups);
  }

  /** Heartbeat's sets, relative to the node that asks: its own groups, the others', or all. */
  static boolean inScope(final GroupState g, final String node, final Scope scope) {
    return switch (scope) {
      case ALL -> g.configured();
      case LOCAL -> g.configured() && g.preferredNode().equals(node);
      case FOREIGN -> g.configured() && !g.preferredNode().equals(node);
    };
  }

  private static ClusterState cleanup(final ClusterState s, final long t, final AdminCleanup e) {
    final int g = s.groupIndex(e.group());
    if (g < 0 || s.nodeIndex(e.node()) < 0) {
      return unmatched(s, t);
    }
    GroupState gs = s.groups().get(g);
    gs = gs.withMarks(gs.marks().withFailed(e.node(), false));
    if (e.node().equals(s.self())) {
      gs = gs.withRecovery(GroupState.Recovery.NONE);
    }
    if (e.node().equals(s.self()) && gs.local() == GroupStatus.UNCLEAN) {
      final List<ResourceState> resources = new ArrayList<>(gs.resources().size());
      for (final ResourceState r : gs.resources()) {
        resources.add(
            r.status() == ResourceStatus.STOP_FAILED
                ? new ResourceState(r.resource(), ResourceStatus.STOPPED, "cleaned up by admin")
                : r);
      }
      gs =
          gs.withResources(resources)
              .withLocal(GroupStatus.STOPPED, t, "cleaned up by " + e.origin());
    }
    return withOwnGroup(s, t, g, gs);
  }

  private static ClusterState fence(final ClusterState s, final long t, final Fence e) {
    final int i = peer(s, e.target());
    if (i < 0) {
      // Not a node, or this node itself: the policy never asks to fence this node, and an entry
      // that says so anyway must not make it drop its own claims.
      return unmatched(s, t);
    }
    final FenceStatus status =
        switch (e.phase()) {
          case REQUESTED -> FenceStatus.REQUESTED;
          case SUCCEEDED -> FenceStatus.SUCCEEDED;
          case FAILED -> FenceStatus.FAILED;
        };
    final NodeState n = s.nodes().get(i);
    final ClusterState fenced = withNode(s, t, i, n.withFence(status, e.detail()));
    // A fenced node runs nothing any more: its claims and marks go. One that is up again by now
    // speaks for itself: what it announces since is what it holds.
    return e.phase() == Phase.SUCCEEDED && n.status() != NodeStatus.UP
        ? forgetPeer(fenced, t, e.target(), true)
        : fenced;
  }

  /** This node reaches ping group {@code e.group()}, or no longer does. */
  private static ClusterState ping(final ClusterState s, final long t, final PingStatus e) {
    final int i = s.nodeIndex(s.self());
    if (i < 0) {
      return unmatched(s, t);
    }
    return withNode(s, t, i, s.nodes().get(i).withPing(e.group(), e.reachable()));
  }

  // This node's groups and resources

  private static ClusterState groupStart(final ClusterState s, final long t, final GroupStart e) {
    final int g = s.groupIndex(e.group());
    if (g < 0) {
      return unmatched(s, t);
    }
    GroupState gs = s.groups().get(g);
    gs =
        switch (e.phase()) {
          case REQUESTED -> gs.withLocal(GroupStatus.STARTING, t, e.detail());
          case SUCCEEDED ->
              gs.withLocal(GroupStatus.RUNNING, t, e.detail())
                  .withRecovery(
                      gs.recovery() == GroupState.Recovery.RESTART
                          ? GroupState.Recovery.RESTARTED
                          : gs.recovery());
          case FAILED ->
              gs.withLocal(
                      gs.anyStopFailed() ? GroupStatus.UNCLEAN : GroupStatus.STOPPED, t, e.detail())
                  .withMarks(gs.marks().withFailed(s.self(), true))
                  .withRecovery(GroupState.Recovery.NONE);
        };
    return withOwnGroup(s, t, g, gs);
  }

  private static ClusterState groupStop(final ClusterState s, final long t, final GroupStop e) {
    final int g = s.groupIndex(e.group());
    if (g < 0) {
      return unmatched(s, t);
    }
    final GroupState gs = s.groups().get(g);
    return switch (e.phase()) {
      case REQUESTED -> withGroup(s, t, g, gs.withLocal(GroupStatus.STOPPING, t, e.detail()));
      case FAILED -> withGroup(s, t, g, gs.withLocal(GroupStatus.UNCLEAN, t, e.detail()));
      case SUCCEEDED ->
          // A group stopped is stopped entirely: no earlier resource failure lingers.
          withOwnGroup(
              s,
              t,
              g,
              gs.withResources(allStopped(gs))
                  .withLocal(GroupStatus.STOPPED, t, e.detail())
                  .withRecovery(
                      gs.recovery() == GroupState.Recovery.RESTART
                          ? GroupState.Recovery.RESTART // the restart's own stop
                          : GroupState.Recovery.NONE));
    };
  }

  /**
   * A failed monitor of a group running here: the first asks for a restart here; one after that
   * restart marks the group failed here, so that it moves. Anywhere but RUNNING it is late news
   * about a group already on its way down, and changes nothing.
   */
  private static ClusterState monitorFailed(
      final ClusterState s, final long t, final MonitorFailed e) {
    final int g = s.groupIndex(e.group());
    if (g < 0) {
      return unmatched(s, t);
    }
    final GroupState gs = s.groups().get(g);
    if (gs.local() != GroupStatus.RUNNING) {
      return at(s, t);
    }
    final String why = "monitor: " + e.resource() + " " + e.detail();
    return switch (gs.recovery()) {
      case NONE ->
          withGroup(
              s,
              t,
              g,
              gs.withLocal(GroupStatus.RUNNING, gs.sinceMicros(), why)
                  .withRecovery(GroupState.Recovery.RESTART));
      case RESTART -> at(s, t);
      case RESTARTED ->
          withOwnGroup(
              s,
              t,
              g,
              gs.withLocal(GroupStatus.RUNNING, gs.sinceMicros(), why)
                  .withMarks(gs.marks().withFailed(s.self(), true)));
    };
  }

  private static List<ResourceState> allStopped(final GroupState gs) {
    final List<ResourceState> out = new ArrayList<>(gs.resources().size());
    for (final ResourceState r : gs.resources()) {
      out.add(
          r.status() == ResourceStatus.STOPPED
              ? r
              : new ResourceState(r.resource(), ResourceStatus.STOPPED, r.detail()));
    }
    return out;
  }

  private static List<GroupState> removed(final List<GroupState> groups, final int g) {
    final List<GroupState> copy = new ArrayList<>(groups);
    copy.remove(g);
    return copy;
  }

  private static ClusterState resourceStart(
      final ClusterState s, final long t, final ResourceStart e) {
    return resource(s, t, e.group(), e.resource(), e.phase(), e.detail(), true);
  }

  private static ClusterState resourceStop(
      final ClusterState s, final long t, final ResourceStop e) {
    return resource(s, t, e.group(), e.resource(), e.phase(), e.detail(), false);
  }

  private static ClusterState resource(
      final ClusterState s,
      final long t,
      final String group,
      final String resource,
      final Phase phase,
      final String detail,
      final boolean start) {
    final int g = s.groupIndex(group);
    final int r = g < 0 ? -1 : s.groups().get(g).resourceIndex(resource);
    if (r < 0) {
      return unmatched(s, t);
    }
    final ResourceStatus status =
        switch (phase) {
          case REQUESTED -> start ? ResourceStatus.STARTING : ResourceStatus.STOPPING;
          case SUCCEEDED -> start ? ResourceStatus.RUNNING : ResourceStatus.STOPPED;
          case FAILED -> start ? ResourceStatus.START_FAILED : ResourceStatus.STOP_FAILED;
        };
    final GroupState gs = s.groups().get(g);
    final GroupState next =
        gs.withResources(
            Lists.replace(gs.resources(), r, new ResourceState(resource, status, detail)));
    // A resource that failed to stop may still run, whatever the actuator reports after it:
    // the group is unclean here from this entry on, so that no other node starts it.
    return withGroup(
        s,
        t,
        g,
        status == ResourceStatus.STOP_FAILED && gs.local() != GroupStatus.UNCLEAN
            ? next.withLocal(GroupStatus.UNCLEAN, t, resource + " failed to stop: " + detail)
            : next);
  }

  // Configuration and the daemon's life

  private static ClusterState configLoaded(
      final ClusterState s, final long t, final ConfigLoaded e) {
    if (e.nodes().isEmpty()) {
      // A version-1 entry: the digest is known, the layout is not; keep the one in force.
      return at(s, t);
    }
    final Layout layout = Layout.of(e);
    final List<NodeState> nodes = new ArrayList<>(layout.nodes().size());
    for (final String name : layout.nodes()) {
      final NodeState known = s.node(name);
      nodes.add(known != null ? known : newNode(s, t, name));
    }
    final List<GroupState> groups = new ArrayList<>(layout.groups().size());
    for (final ConfigLoaded.Group spec : layout.groups()) {
      final GroupState known = s.group(spec.name());
      groups.add(
          known == null
              ? newGroup(spec, t)
              : known.withLayout(spec.preferredNode(), true, resources(spec, known)));
    }
    for (final GroupState old : s.groups()) {
      if (layout.groups().stream().noneMatch(spec -> spec.name().equals(old.name()))
          && (old.local().held() || old.claimedBy().contains(s.self()))) {
        groups.add(old.withLayout(old.preferredNode(), false, old.resources()));
      }
    }
    return new ClusterState(s.self(), layout, t, s.daemon(), nodes, groups, s.unmatched());
  }

  private static NodeState newNode(final ClusterState s, final long t, final String name) {
    final NodeState n = NodeState.unknown(name, t);
    return name.equals(s.self()) && s.daemon() == ClusterState.Daemon.RUNNING
        ? n.withStatus(NodeStatus.UP, t)
        : n;
  }

  private static GroupState newGroup(final ConfigLoaded.Group spec, final long timeMicros) {
    final List<ResourceState> resources = new ArrayList<>(spec.resources().size());
    for (final String r : spec.resources()) {
      resources.add(new ResourceState(r, ResourceStatus.STOPPED, ""));
    }
    return new GroupState(
        spec.name(),
        spec.preferredNode(),
        true,
        GroupStatus.STOPPED,
        timeMicros,
        resources,
        GroupMarks.NONE,
        "",
        GroupState.Recovery.NONE);
  }

  /** The resources {@code spec} names, keeping what is known of those {@code known} had. */
  private static List<ResourceState> resources(
      final ConfigLoaded.Group spec, final GroupState known) {
    final List<ResourceState> resources = new ArrayList<>(spec.resources().size());
    for (final String r : spec.resources()) {
      final int i = known.resourceIndex(r);
      resources.add(
          i >= 0 ? known.resources().get(i) : new ResourceState(r, ResourceStatus.STOPPED, ""));
    }
    return resources;
  }

  private static ClusterState daemonStarted(final ClusterState s, final long t) {
    // A start without a clean stop before it is a crash: what ran here may still run.
    final boolean crashed =
        s.daemon() == ClusterState.Daemon.RUNNING || s.daemon() == ClusterState.Daemon.STOPPING;
    final List<NodeState> nodes = new ArrayList<>(s.nodes().size());
    for (final NodeState n : s.nodes()) {
      nodes.add(
          n.name().equals(s.self())
              ? NodeState.unknown(n.name(), t).withStatus(NodeStatus.UP, t)
              : NodeState.unknown(n.name(), t));
    }
    final List<GroupState> groups = new ArrayList<>(s.groups().size());
    for (final GroupState g : s.groups()) {
      final GroupState fresh =
          g.withMarks(g.marks().cleared()).withRecovery(GroupState.Recovery.NONE);
      final GroupState next =
          crashed && g.local() != GroupStatus.STOPPED
              ? fresh.withLocal(GroupStatus.UNKNOWN, t, "daemon restarted after a crash")
              : fresh;
      if (kept(s, next)) {
        groups.add(next);
      }
    }
    return new ClusterState(
        s.self(), s.layout(), t, ClusterState.Daemon.RUNNING, nodes, groups, s.unmatched());
  }

  private static ClusterState daemonStopped(final ClusterState s, final long t) {
    final List<NodeState> nodes = new ArrayList<>(s.nodes().size());
    for (final NodeState n : s.nodes()) {
      nodes.add(NodeState.unknown(n.name(), t));
    }
    final List<GroupState> groups = new ArrayList<>(s.groups().size());
    for (final GroupState g : s.groups()) {
      final GroupState next = g.withMarks(g.marks().cleared());
      if (kept(s, next)) {
        groups.add(next);
      }
    }
    return new ClusterState(
        s.self(), s.layout(), t, ClusterState.Daemon.STOPPED, nodes, groups, s.unmatched());
  }
}
