package io.systole.engine.agent;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.NodeState;
import io.systole.journal.event.Event;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node says about itself in every heartbeat: the groups it holds, whether it is ready, its
 * failure, standby and takeover marks, the peers it hears (so that a receiver counts it as a member
 * only while the hearing is mutual), the ping groups it reaches, and whether it is leaving. Sent
 * whole each time rather than as changes, so a lost packet costs nothing but a keepalive; the
 * receiver journals only what differs from what it knew.
 *
 * @param node the sender
 * @param claims the groups it holds or is taking
 * @param claimTerms the claim number of each of {@code claims}, in the same order
 * @param hears the peers it hears (up in its view); {@link PeerStatus#HEARS_ALL} from a sender that
 *     does not say
 * @param pings the ping groups it reaches
 * @param leaving whether its daemon is stopping cleanly
 */
public record Announcement(
    String node,
    List<String> claims,
    List<Long> claimTerms,
    boolean ready,
    List<String> failed,
    List<String> standby,
    List<String> takeover,
    List<String> hears,
    List<String> pings,
    boolean leaving) {

  /** Copies the lists so that the record is immutable. */
  public Announcement {
    claims = List.copyOf(claims);
    claimTerms = List.copyOf(claimTerms);
    if (claimTerms.size() != claims.size()) {
      throw new IllegalArgumentException("one claim number per claim: " + claims + claimTerms);
    }
    failed = List.copyOf(failed);
    standby = List.copyOf(standby);
    takeover = List.copyOf(takeover);
    hears = List.copyOf(hears);
    pings = List.copyOf(pings);
  }

  /**
   * What the node whose state is {@code s} announces. A stopping node says it is ready and in
   * standby for every group: its peers' membership stays settled (a peer that is up and not ready
   * holds every decision back until it is dead) and each group's next owner takes it as soon as the
   * release arrives, not a deadtime later.
   */
  public static Announcement of(final ClusterState s) {
    if (s.daemon() == ClusterState.Daemon.STOPPING) {
      final List<String> all = new ArrayList<>();
      for (final GroupState g : s.groups()) {
        all.add(g.name());
      }
      return new Announcement(
          s.self(),
          s.claimedHere(),
          s.claimTermsHere(),
          true,
          s.failedHere(),
          all,
          List.of(),
          s.heardHere(),
          s.pingsHere(),
          true);
    }
    return new Announcement(
        s.self(),
        s.claimedHere(),
        s.claimTermsHere(),
        s.ready(),
        s.failedHere(),
        s.standbyHere(),
        s.takeoverHere(),
        s.heardHere(),
        s.pingsHere(),
        false);
  }

  /** Whether the sender says it hears {@code peer}. */
  public boolean hearsNode(final String peer) {
    return PeerStatus.hears(hears, peer);
  }

  /**
   * The journal entries that bring {@code receiver}'s view of the sender up to this announcement: a
   * claim or release per group that changed, then the sender's status when it changed. Nothing when
   * the sender is the receiver itself or not one of its nodes.
   */
  public List<Event> changes(final ClusterState receiver) {
    final NodeState sender = receiver.node(node);
    if (sender == null || node.equals(receiver.self())) {
      return List.of();
    }
    List<Event> events = List.of();
    boolean statusChanged =
        sender.ready() != ready
            || sender.hearsSelf() != hearsNode(receiver.self())
            || !sender.pings().equals(pings)
            || sender.leaving() != leaving;
    for (final GroupState g : receiver.groups()) {
      final int claim = claims.indexOf(g.name());
      final long term = claim < 0 ? -1 : claimTerms.get(claim);
      if (term != g.marks().termOf(node)) {
        events =
            add(
                events,
                claim >= 0 ? new PeerClaim(node, g.name(), term) : new PeerRelease(node, g.name()));
      }
      statusChanged |=
          failed.contains(g.name()) != g.failedOn().contains(node)
              || standby.contains(g.name()) != g.standbyOn().contains(node)
              || takeover.contains(g.name()) != g.takeoverOn().contains(node);
    }
    if (statusChanged) {
      events =
          add(
              events,
              new PeerStatus(node, ready, failed, standby, takeover, hears, pings, leaving));
    }
    return events;
  }

  private static List<Event> add(final List<Event> events, final Event e) {
    final List<Event> out = events.isEmpty() ? new ArrayList<>(4) : events;
    out.add(e);
    return out;
  }
}
