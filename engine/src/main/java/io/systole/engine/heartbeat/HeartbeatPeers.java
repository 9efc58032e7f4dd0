package io.systole.engine.heartbeat;

import io.systole.engine.agent.Announcement;
import io.systole.engine.policy.Placement;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.FenceStatus;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers of a mixed cluster that run Heartbeat 3.0.6 (haresources mode, {@code auto_failback on}
 * or {@code off}), and the translation between their resource protocol and Systole's announcements.
 * A Heartbeat node says nothing about its groups in its heartbeats; it reports them in {@code
 * resource} messages and moves them by the {@code ask_resources} exchange. This class keeps, per
 * such peer, what those messages said, as the {@link Announcement} a Systole node would have sent
 * (so its claims, releases and standby or takeover wishes are journaled like any peer's and the
 * policy decides as usual), and it turns this node's transitions into the messages a Heartbeat node
 * waits for: {@code starting}, {@code resource} reports, the giver's and the taker's side of the
 * standby exchange, {@code hb_takeover}, {@code stonith} after a death and {@code shutdone}.
 *
 * <p>A peer is a Heartbeat node when its status carries no Systole announcement. Nothing is sent
 * while no such peer was heard, so a Systole-only cluster sees none of these messages. Owned by the
 * cluster-logic thread.
 */
public final class HeartbeatPeers {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPeers.class);

  /** Heartbeat's {@code info} values in the standby exchange. */
  static final String ME = "me";

  static final String OTHER = "other";
  static final String DONE = "done";

  /**
   * How long a Heartbeat node heard again after a partition is taken as leaving: it restarts about
   * 2 s after it noticed, but only if it noticed (a partition seen from this side alone is not).
   */
  static final long RESTART_WAIT_MICROS = 30_000_000L;

  private final String self;
  private final List<String> nodes;
  private final HeartbeatPeer[] peers;

  private boolean startingSent;
  private ResourceSet reportedHold;
  private boolean reportedStable;
  private String reportedInfo = "";

  /**
   * Groups this node gives a Heartbeat peer by the standby exchange, until it sent {@code done}.
   */
  private final List<String> giving = new ArrayList<>();

  /** Groups a Heartbeat peer gives this node, until this node took them and sent {@code done}. */
  private final List<String> taking = new ArrayList<>();

  /** The set of the standby exchange this node answered as taker, null when none is open. */
  private ResourceSet takingSet;

  /** Whether the giver of the open exchange said done: what it gave is free. */
  private boolean takingFree;

  /** Groups whose {@code hb_takeover} was sent, while this node's takeover mark stands. */
  private final List<String> takeoverAsked = new ArrayList<>();

  private boolean shutdoneSent;

  private final List<Event> requests = new ArrayList<>(1);

  /**
   * How long a Heartbeat peer may take to answer a request to take groups ({@code ask_resources
   * info=me}) before this node takes its silence for a refusal. Heartbeat answered within 0.5 s in
   * every run here.
   */
  static final long CONSENT_WAIT_MICROS = 5_000_000L;

  /** The peer asked to take {@link #asked} and not yet answering, or -1. */
  private int askedPeer = -1;

  private long askedMicros;
  private final List<String> asked = new ArrayList<>(1);

  /** Whether a resource message arrived since the last {@link #afterRound}. */
  private boolean heard;

  /** Peers among {@code nodes} (node-line order), seen from {@code self}. */
  public HeartbeatPeers(final String self, final List<String> nodes) {
    this.self = self;
    this.nodes = List.copyOf(nodes);
    this.peers = new HeartbeatPeer[nodes.size()];
  }

  /**
   * Whether the configuration in force says {@code auto_failback legacy}, whose {@code ip-request}
   * exchange Systole does not speak: Heartbeat peers are then refused. Read from the state, so a
   * reload that fixes it takes effect.
   */
  private static boolean legacy(final ClusterState s) {
    return s.layout().failback() == Failback.LEGACY;
  }

  /** Whether node {@code index} was heard as a Heartbeat node. */
  public boolean isHeartbeat(final int index) {
    return peers[index] != null;
  }

  /** The nodes heard as Heartbeat nodes, in node-line order. */
  public List<String> names() {
    final List<String> out = new ArrayList<>(1);
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] != null) {
        out.add(nodes.get(i));
      }
    }
    return out;
  }

  /**
   * The admin requests Heartbeat peers made of this node since the last call ({@code hb_takeover}
   * asks this node to go standby), to be journaled.
   */
  public List<Event> requests() {
    if (requests.isEmpty()) {
      return List.of();
    }
    final List<Event> out = List.copyOf(requests);
    requests.clear();
    return out;
  }

  private static Scope scope(final ResourceSet set) {
    return switch (set) {
      case LOCAL -> Scope.LOCAL;
      case FOREIGN -> Scope.FOREIGN;
      default -> Scope.ALL;
    };
  }

  /** Whether any Heartbeat node was heard. */
  public boolean any() {
    for (final HeartbeatPeer p : peers) {
      if (p != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A status from node {@code index} without a Systole announcement: a Heartbeat node. Returns what
   * it holds and wants, as an announcement; a new generation (Heartbeat restarted) starts afresh.
   */
  public Announcement status(
      final int index, final long generation, final long nowMicros, final ClusterState s) {
    HeartbeatPeer p = peers[index];
    final NodeState n = s.node(nodes.get(index));
    if (p != null && p.generation == generation && n != null && n.status() == NodeStatus.DEAD) {
      LOG.warn(
          "{}: {} (Heartbeat) returns after a partition: it restarts itself; this node keeps its"
              + " groups meanwhile",
          self,
          nodes.get(index));
      p.returned(nowMicros, s);
    } else if (p != null && p.stayed(nowMicros, RESTART_WAIT_MICROS)) {
      LOG.warn(
          "{}: {} (Heartbeat) did not restart within {} s of its return: taken as it says again",
          self,
          nodes.get(index),
          RESTART_WAIT_MICROS / 1_000_000);
    }
    if (p == null || p.generation != generation) {
      if (p == null) {
        heardFirst(nodes.get(index), s);
      }
      p = new HeartbeatPeer(nodes.get(index), generation);
      peers[index] = p;
    }
    return p.announcement(s, legacy(s));
  }

  private void heardFirst(final String peer, final ClusterState s) {
    LOG.info("{}: {} runs Heartbeat: its resource messages are read and answered", self, peer);
    if (legacy(s)) {
      LOG.error(
          "{}: {} runs Heartbeat with auto_failback legacy, whose ip-request exchange Systole does"
              + " not speak; this node takes no group while {} is up. Set auto_failback on (what"
              + " legacy does once every node runs it) or off in ha.cf on every node, restart"
              + " Heartbeat on {}, then reload Systole (systemctl reload systole)",
          self,
          peer,
          peer,
          peer);
    }
  }

  /**
   * A resource-protocol message from Heartbeat node {@code index}; returns the answers to send.
   * Afterwards {@link #status} gives the peer's new announcement.
   */
  public List<ResourceMessage> receive(
      final int index,
      final long generation,
      final long nowMicros,
      final ResourceMessage m,
      final ClusterState s) {
    final String peer = nodes.get(index);
    status(index, generation, nowMicros, s);
    final HeartbeatPeer p = peers[index];
    LOG.info("{}: from {} (Heartbeat): {}", self, peer, m);
    final List<ResourceMessage> out = new ArrayList<>(1);
    heard = true;
    p.reported |=
        m.type() == ResourceMessage.Type.RESOURCE || m.type() == ResourceMessage.Type.STARTING;
    switch (m.type()) {
      case STARTING -> {
        p.starting();
        out.add(reported(report(s)));
      }
      case RESOURCE -> p.report(m, s);
      case ASK_RESOURCES -> askResources(index, m, s, out);
      case HB_TAKEOVER -> {
        if (m.hold() != null) {
          // Heartbeat's hb_takeover runs hb_standby on the node that receives it, for the same
          // groups seen from there: here, an admin standby journaled as such.
          p.wants(m.hold().groups(s, peer));
          requests.add(
              new AdminStandby(self, scope(m.hold().mirrored()), "hb_takeover on " + peer));
        }
      }
      case SHUTDONE -> p.shutdone(s);
      case STONITH -> {
        if (self.equals(m.node())) {
          LOG.warn(
              "{}: {} (Heartbeat) took this node for dead (stonith result {}): it may have"
                  + " taken groups this node holds",
              self,
              peer,
              m.result());
        }
      }
      case IP_REQUEST ->
          LOG.error(
              "{}: {} (Heartbeat) asks for group {} by ip-request (auto_failback legacy), which"
                  + " Systole does not answer: set auto_failback on or off on every node",
              self,
              peer,
              m.info());
    }
    return out;
  }

  private void askResources(
      final int index,
      final ResourceMessage m,
      final ClusterState s,
      final List<ResourceMessage> out) {
    final HeartbeatPeer p = peers[index];
    final String peer = nodes.get(index);
    if (m.hold() == null) {
      return;
    }
    final List<String> groups = m.hold().groups(s, peer);
    switch (m.info()) {
      case ME -> {
        // The peer wants to go standby for these. Answered, its mark steers the policy, which
        // takes them here once the peer released them; unanswered, it cancels by itself.
        if (canTake(s, groups)) {
          p.gives(groups);
          taking.clear();
          taking.addAll(groups);
          takingFree = false;
          takingSet = m.hold();
          out.add(ResourceMessage.ask(m.hold(), OTHER));
        } else {
          LOG.warn(
              "{}: cannot take [{}] from {} now (not ready, stopping, or a group failed here):"
                  + " its standby request goes unanswered",
              self,
              m.hold().wire(),
              peer);
        }
      }
      case OTHER -> {
        if (askedPeer == index) {
          askedPeer = -1; // it takes them
        }
      }
      case DONE -> {
        if (p.gave()) {
          takingFree = true;
          LOG.info("{}: {} gave up [{}]", self, peer, m.hold().wire());
        }
      }
      default -> {}
    }
  }

  /**
   * Whether this node can run {@code groups} when a Heartbeat peer gives them up: it is ready and
   * none failed here. Its own standby does not refuse them: with both nodes in standby the policy
   * places a group as it would between two Systole nodes (and Heartbeat's standby is no lasting
   * state: a second hb_standby hands the group back).
   */
  private boolean canTake(final ClusterState s, final List<String> groups) {
    if (!s.ready() || legacy(s) || s.daemon() != ClusterState.Daemon.RUNNING) {
      return false;
    }
    for (final String g : groups) {
      final GroupState gs = s.group(g);
      if (gs != null && gs.failedOn().contains(self)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The messages this node's transition from {@code before} to {@code after} owes its Heartbeat
   * peers: {@code starting} once, the standby exchange for groups it gives them or took from them,
   * {@code hb_takeover}, {@code stonith} after a peer's death, its {@code resource} report when
   * what it holds or its stability changed, and {@code shutdone} at the end of a clean stop.
   */
  public List<ResourceMessage> afterRound(
      final ClusterState before, final ClusterState after, final long nowMicros) {
    if (askedPeer >= 0 && nowMicros - askedMicros > CONSENT_WAIT_MICROS) {
      refused(after);
    }
    if (!any() || before == after && startingSent && !heard) {
      return List.of(); // the idle case, every heartbeat: nothing changed here or there
    }
    heard = false;
    final List<ResourceMessage> out = new ArrayList<>(2);
    if (!startingSent) {
      startingSent = true;
      if (after.claimedHere().isEmpty()) {
        out.add(ResourceMessage.starting());
      }
    }
    deaths(after, out);
    give(before, after, nowMicros, out);
    takeovers(after, out);
    final ResourceMessage report = report(after);
    if (reportsKnown(after)
        && (report.hold() != reportedHold
            || report.stable() != reportedStable
            || !report.info().isEmpty() && !report.info().equals(reportedInfo))) {
      // A comment that newly applies (standby, shutdown) is worth a report; its end is not.
      out.add(reported(report));
    }
    finishGiving(after, out);
    finishTaking(after, out);
    if (!shutdoneSent
        && after.daemon() != ClusterState.Daemon.RUNNING
        && after.claimedHere().isEmpty()
        && after.stopDone()) {
      shutdoneSent = true;
      out.add(ResourceMessage.shutdone());
    }
    return out;
  }

  /** {@code m}, remembered as the last report sent. */
  private ResourceMessage reported(final ResourceMessage m) {
    reportedHold = m.hold();
    reportedStable = m.stable();
    reportedInfo = m.info();
    return m;
  }

  /** What this node would report holding now, and whether it is stable. */
  private ResourceMessage report(final ClusterState s) {
    ResourceSet hold = ResourceSet.spelling(s, self, s.claimedHere());
    if (!ResourceSet.prefers(s, self) && !heartbeatHoldsForeign(s)) {
      // This node's own set is empty: Heartbeat counts it held by this node unless its node
      // holds it (after a takeover); "none" makes it log "No one owns foreign resources!" and
      // "local" while it holds it "Both machines own foreign resources!".
      hold = ResourceSet.LOCAL.with(hold);
    }
    boolean stable = s.ready();
    for (final GroupState g : s.groups()) {
      stable &= g.local() == GroupStatus.RUNNING || g.local() == GroupStatus.STOPPED;
    }
    final String info =
        s.daemon() == ClusterState.Daemon.RUNNING
            ? (giving.isEmpty() ? "" : "standby")
            : "shutdown";
    return ResourceMessage.resource(hold, stable, info);
  }

  /**
   * Whether every Heartbeat peer that is up has said what it holds (or that it starts, which is
   * answered at once): this node's report depends on it, and Heartbeat logs an error at a report
   * that contradicts its own.
   */
  private boolean reportsKnown(final ClusterState s) {
    for (int i = 0; i < peers.length; i++) {
      final NodeState n = peers[i] == null ? null : s.node(nodes.get(i));
      if (n != null && n.status() == NodeStatus.UP && !peers[i].reported) {
        return false;
      }
    }
    return true;
  }

  /** Whether a Heartbeat peer that is up says it holds its foreign set (this node's own). */
  private boolean heartbeatHoldsForeign(final ClusterState s) {
    for (int i = 0; i < peers.length; i++) {
      final NodeState n = peers[i] == null ? null : s.node(nodes.get(i));
      if (n != null && n.status() == NodeStatus.UP && peers[i].holdsForeign()) {
        return true;
      }
    }
    return false;
  }

  /** {@code stonith} for each Heartbeat peer newly dead: fenced ({@code OK}) or not configured. */
  private void deaths(final ClusterState s, final List<ResourceMessage> out) {
    for (int i = 0; i < peers.length; i++) {
      final HeartbeatPeer p = peers[i];
      final NodeState n = p == null ? null : s.node(nodes.get(i));
      if (n == null) {
        continue;
      }
      if (n.status() != NodeStatus.DEAD) {
        p.deathReported = false;
        continue;
      }
      if (p.deathReported) {
        continue;
      }
      if (p.leaving()) {
        p.deathReported = true;
        out.add(ResourceMessage.stonith(n.name(), "unneeded")); // it stopped cleanly
      } else if (!s.layout().fencing()) {
        p.deathReported = true;
        out.add(ResourceMessage.stonith(n.name(), "n_stnth"));
      } else if (n.fence() == FenceStatus.SUCCEEDED || n.fence() == FenceStatus.UNNEEDED) {
        p.deathReported = true;
        out.add(ResourceMessage.stonith(n.name(), "OK"));
      }
    }
  }

  /**
   * Groups this node begins to stop so that a Heartbeat peer runs them: Heartbeat takes a running
   * peer's groups only through the standby exchange, so this node asks first ({@code info=me}).
   */
  private void give(
      final ClusterState before,
      final ClusterState after,
      final long nowMicros,
      final List<ResourceMessage> out) {
    if (after.daemon() != ClusterState.Daemon.RUNNING) {
      return;
    }
    final List<String> now = new ArrayList<>(1);
    int to = -1;
    for (final GroupState g : after.groups()) {
      final GroupState was = before.group(g.name());
      final int owner = heartbeatOwner(after, g);
      if (g.local() == GroupStatus.STOPPING
          && was != null
          && was.local() != GroupStatus.STOPPING
          && !giving.contains(g.name())
          && owner >= 0) {
        now.add(g.name());
        to = owner;
      }
    }
    if (!now.isEmpty()) {
      giving.addAll(now);
      asked.clear();
      asked.addAll(giving);
      askedPeer = to;
      askedMicros = nowMicros;
      out.add(ResourceMessage.ask(ResourceSet.spelling(after, self, giving), ME));
    }
  }

  /** The index of the Heartbeat peer the policy places {@code g} on, or -1. */
  private int heartbeatOwner(final ClusterState s, final GroupState g) {
    final String owner = Placement.owner(s, g);
    final int i = owner == null ? -1 : nodes.indexOf(owner);
    return i >= 0 && peers[i] != null ? i : -1;
  }

  /**
   * The Heartbeat peer asked to take groups did not answer: it ignores standby requests while its
   * own resources are in flux (for some 10 s after it took any) and would never start them. They
   * count as failed there, so the policy places them here again, until the peer reports itself
   * stable (or asks, or restarts).
   */
  private void refused(final ClusterState s) {
    final HeartbeatPeer p = peers[askedPeer];
    LOG.warn(
        "{}: {} (Heartbeat) did not answer the request to take {} within {} s (its resources"
            + " in flux?): they stay here until it reports itself stable",
        self,
        nodes.get(askedPeer),
        asked,
        CONSENT_WAIT_MICROS / 1_000_000);
    p.refused(asked);
    giving.removeAll(asked);
    askedPeer = -1;
    heard = true; // a round to report what changed
  }

  /** {@code done} once every group this node gave is stopped and released. */
  private void finishGiving(final ClusterState s, final List<ResourceMessage> out) {
    if (giving.isEmpty()) {
      return;
    }
    for (final String name : giving) {
      final GroupState g = s.group(name);
      if (g != null && (g.local() != GroupStatus.STOPPED || g.claimedBy().contains(self))) {
        return;
      }
    }
    out.add(ResourceMessage.ask(ResourceSet.spelling(s, self, giving), DONE));
    giving.clear();
  }

  /** {@code done} once every group a Heartbeat peer gave this node runs here. */
  private void finishTaking(final ClusterState s, final List<ResourceMessage> out) {
    if (takingSet == null || !takingFree) {
      return; // an empty set too is taken and closed with done, as Heartbeat waits for it
    }
    for (final String name : taking) {
      final GroupState g = s.group(name);
      if (g != null && g.configured() && g.local() != GroupStatus.RUNNING) {
        return;
      }
    }
    out.add(ResourceMessage.ask(takingSet, DONE));
    taking.clear();
    takingSet = null;
  }

  /**
   * {@code hb_takeover} for groups a Heartbeat peer holds that this node was asked to take over:
   * the peer then gives them by the standby exchange.
   */
  private void takeovers(final ClusterState s, final List<ResourceMessage> out) {
    final List<String> wanted = new ArrayList<>(1);
    for (final GroupState g : s.groups()) {
      if (!g.takeoverOn().contains(self)) {
        takeoverAsked.remove(g.name());
        continue;
      }
      if (takeoverAsked.contains(g.name())) {
        continue;
      }
      for (final String holder : g.claimedBy()) {
        final int i = nodes.indexOf(holder);
        if (i >= 0 && peers[i] != null) {
          wanted.add(g.name());
          break;
        }
      }
    }
    if (!wanted.isEmpty()) {
      takeoverAsked.addAll(wanted);
      out.add(ResourceMessage.takeover(ResourceSet.spelling(s, self, wanted)));
    }
  }
}
