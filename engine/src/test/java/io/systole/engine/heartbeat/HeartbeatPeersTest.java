package io.systole.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.Announcement;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Scenario;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Systole node (ha1) next to a Heartbeat 3.0.6 node (ha2), group g1 preferred by ha1 and g2 by
 * ha2: the Heartbeat node's messages become claims, releases and marks in ha1's journal, and ha1's
 * transitions become the messages Heartbeat waits for, in the order Heartbeat sent them to its own
 * kind (shared/heartbeat/PROTOCOL.md §8–10, and a capture between two Heartbeat nodes).
 */
class HeartbeatPeersTest {
  private static final int HA2 = 1;
  private static final long GENERATION = 0x6b05dddbL;

  private final List<Event> journaled = new ArrayList<>();
  private Scenario ha1;
  private HeartbeatPeers peers;

  private void start(final Failback failback) {
    ha1 = Scenario.on("ha1").twoNodes(failback);
    peers = new HeartbeatPeers("ha1", List.of("ha1", "ha2"));
  }

  /**
   * Runs {@code step} on ha1's state, then journals what ha2 now says ({@code said}, null when ha2
   * was not heard), then the policy; what ha1 sends ha2 in that round.
   */
  private List<String> round(
      final Runnable step, final Announcement said, final List<ResourceMessage> replies) {
    final ClusterState before = ha1.state();
    step.run();
    if (said != null) {
      final List<Event> changes = said.changes(ha1.state());
      journaled.addAll(changes);
      ha1.then(changes.toArray(new Event[0]));
    }
    ha1.settle();
    final List<String> out = new ArrayList<>();
    for (final ResourceMessage m : replies) {
      out.add(m.toString());
    }
    for (final ResourceMessage m : peers.afterRound(before, ha1.state(), ha1.nextTime())) {
      out.add(m.toString());
    }
    return out;
  }

  /** A heartbeat of ha2 is heard: read as the daemon does, before the detector marks it up. */
  private List<String> heard() {
    final Announcement said = peers.status(HA2, GENERATION, ha1.nextTime(), ha1.state());
    return round(() -> ha1.then(new NodeUp("ha2", "eth0")), said, List.of());
  }

  /** ha2 sends {@code m}. */
  private List<String> from(final ResourceMessage m) {
    final List<ResourceMessage> replies =
        peers.receive(HA2, GENERATION, ha1.nextTime(), m, ha1.state());
    final List<Event> requests = peers.requests();
    journaled.addAll(requests);
    return round(
        () -> ha1.then(requests.toArray(new Event[0])),
        peers.status(HA2, GENERATION, ha1.nextTime(), ha1.state()),
        replies);
  }

  /** Something happens on ha1 ({@code events}, e.g. a stop finished, ha2 declared dead). */
  private List<String> local(final Event... events) {
    return round(() -> ha1.then(events), null, List.of());
  }

  private static ResourceMessage report(final ResourceSet hold, final boolean stable) {
    return ResourceMessage.resource(hold, stable, "");
  }

  @Test
  void aReturningHeartbeatNodeGetsItsGroupBackByTheStandbyExchange() {
    start(Failback.ON);
    ha1.dead("ha2");
    ha1.settle();
    ha1.startSucceeded("g1").startSucceeded("g2");
    assertEquals(List.of(), heard(), "nothing to report before ha2 says where it stands");
    assertEquals(
        List.of("resource rsc_hold=all rtype=full isstable=1"),
        from(ResourceMessage.starting()),
        "the holder answers starting with what it holds, stable");
    assertEquals(List.of(), from(report(ResourceSet.NONE, false)));
    assertEquals(
        List.of(
            "ask_resources rsc_hold=foreign info=me",
            "resource rsc_hold=all rtype=full isstable=0 info=standby"),
        from(report(ResourceSet.NONE, true)),
        "ha2 stable: ha1 gives g2 back, asking first");
    assertEquals(
        List.of(
            "resource rsc_hold=local rtype=full isstable=1 info=standby",
            "ask_resources rsc_hold=foreign info=done"),
        local(new GroupStop("g2", Phase.SUCCEEDED, "ok")));
    assertEquals(List.of(), from(ResourceMessage.ask(ResourceSet.FOREIGN, "other")));
    assertEquals(List.of(), from(report(ResourceSet.LOCAL, true)));
    assertTrue(journaled.contains(new PeerClaim("ha2", "g2", 0)), journaled.toString());
    assertEquals(List.of("ha1"), ha1.state().group("g1").claimedBy());
    assertEquals(List.of("ha2"), ha1.state().group("g2").claimedBy());
  }

  @Test
  void aGroupTheHeartbeatNodeDoesNotAnswerForIsTakenBackUntilItIsStable() {
    start(Failback.ON);
    ha1.dead("ha2");
    ha1.settle();
    ha1.startSucceeded("g1").startSucceeded("g2");
    heard();
    from(ResourceMessage.starting());
    assertEquals(
        List.of(
            "ask_resources rsc_hold=foreign info=me",
            "resource rsc_hold=all rtype=full isstable=0 info=standby"),
        from(report(ResourceSet.NONE, true)));
    // No answer: its resources in flux, Heartbeat ignores the request.
    ha1.then(new GroupStop("g2", Phase.SUCCEEDED, "ok"));
    ha1.settle();
    peers.afterRound(
        ha1.state(), ha1.state(), ha1.nextTime() + HeartbeatPeers.CONSENT_WAIT_MICROS + 1);
    heard();
    assertEquals(List.of("ha2"), ha1.state().group("g2").failedOn(), "counted as failed there");
    assertEquals(List.of("ha1"), ha1.state().group("g2").claimedBy(), "taken back here");
    from(report(ResourceSet.NONE, true));
    assertEquals(List.of(), ha1.state().group("g2").failedOn(), "stable again: asked again");
  }

  @Test
  void aJoiningSystoleNodeTakesWhatTheHeartbeatNodeGivesAndSaysDone() {
    start(Failback.ON);
    assertEquals(List.of("starting"), heard(), "a node that holds nothing says it starts");
    assertEquals(
        List.of("resource rsc_hold=none rtype=full isstable=1"),
        from(report(ResourceSet.ALL, true)),
        "answered: this node holds nothing and is stable; g1 waits for ha2 to give it");
    assertEquals(
        List.of("ask_resources rsc_hold=foreign info=other"),
        from(ResourceMessage.ask(ResourceSet.FOREIGN, "me")),
        "the taker echoes the giver's set");
    assertEquals(
        List.of(),
        from(
            new ResourceMessage(
                ResourceMessage.Type.RESOURCE, ResourceSet.LOCAL, true, false, "standby", "", "")),
        "ha2 reports what it keeps while its stop may still run");
    assertEquals(List.of("ha2"), ha1.state().group("g1").claimedBy());
    assertEquals(
        List.of("resource rsc_hold=local rtype=full isstable=0"),
        from(ResourceMessage.ask(ResourceSet.FOREIGN, "done")),
        "released at done: ha1 claims and starts g1");
    assertTrue(journaled.contains(new PeerRelease("ha2", "g1")), journaled.toString());
    assertEquals(
        List.of(
            "resource rsc_hold=local rtype=full isstable=1",
            "ask_resources rsc_hold=foreign info=done"),
        local(new GroupStart("g1", Phase.SUCCEEDED, "ok")));
  }

  @Test
  void aNodeNoGroupPrefersTakesItsEmptySetBackAndClosesTheExchange() {
    // This node, ha1, has no group of its own; Heartbeat on ha2 prefers g2. Captured as run
    // against Heartbeat: after its takeover Heartbeat holds all and gives the empty set back by
    // the standby exchange.
    ha1 = Scenario.on("ha1").started(Scenario.oneGroup("g2", "ha2"));
    peers = new HeartbeatPeers("ha1", List.of("ha1", "ha2"));
    assertEquals(List.of("starting"), heard());
    assertEquals(
        List.of("resource rsc_hold=none rtype=full isstable=1"),
        from(report(ResourceSet.ALL, true)),
        "ha2 holds all, this node's empty set included");
    assertEquals(
        List.of("ask_resources rsc_hold=foreign info=other"),
        from(ResourceMessage.ask(ResourceSet.FOREIGN, "me")));
    from(ResourceMessage.resource(ResourceSet.LOCAL, false, "standby"));
    assertEquals(
        List.of(
            "resource rsc_hold=local rtype=full isstable=1",
            "ask_resources rsc_hold=foreign info=done"),
        from(ResourceMessage.ask(ResourceSet.FOREIGN, "done")),
        "nothing to start: the empty set is held at once and the exchange closed");
  }

  @Test
  void aHeartbeatStandbyReachesASystoleNodeInStandbyAndThePolicyPlacesTheGroup() {
    start(Failback.OFF);
    heard();
    from(report(ResourceSet.LOCAL, true));
    ha1.startSucceeded("g1");
    local(new AdminStandby("ha1", Scope.ALL, "test"));
    assertEquals(
        List.of("ask_resources rsc_hold=all info=other"),
        from(ResourceMessage.ask(ResourceSet.ALL, "me")),
        "as between two Heartbeat nodes, the second standby is answered");
  }

  @Test
  void aTakeoverOnTheSystoleNodeAsksTheHeartbeatNodeToGoStandby() {
    start(Failback.OFF);
    heard();
    from(report(ResourceSet.ALL, true));
    assertEquals(
        List.of("hb_takeover rsc_hold=all"), local(new AdminTakeover("ha1", Scope.ALL, "test")));
    assertEquals(List.of(), local(new AdminTakeover("ha1", Scope.ALL, "test")), "asked once");
  }

  @Test
  void aHeartbeatNodesStandbyAndTakeoverBecomeItsMarks() {
    start(Failback.ON);
    heard();
    from(report(ResourceSet.LOCAL, true));
    from(ResourceMessage.ask(ResourceSet.LOCAL, "me"));
    assertEquals(List.of("ha2"), ha1.state().group("g2").standbyOn());
    ha1.startSucceeded("g1");
    assertEquals(
        List.of(
            "ask_resources rsc_hold=local info=me",
            "resource rsc_hold=local rtype=full isstable=0 info=standby"),
        from(ResourceMessage.takeover(ResourceSet.ALL)),
        "hb_takeover there is hb_standby here: g1 is given by the standby exchange");
    assertTrue(
        journaled.contains(new AdminStandby("ha1", Scope.ALL, "hb_takeover on ha2")),
        journaled.toString());
    assertEquals(List.of("ha1"), ha1.state().group("g2").standbyOn(), "ha2's standby is over");
    assertEquals(List.of("ha2"), ha1.state().group("g1").takeoverOn());
  }

  @Test
  void aDeadHeartbeatNodeIsToldNoStonithWasConfiguredAndADyingSystoleNodeSaysShutdone() {
    start(Failback.OFF);
    heard();
    from(report(ResourceSet.NONE, true));
    ha1.startSucceeded("g1");
    final List<String> death = round(() -> ha1.dead("ha2"), null, List.of());
    assertTrue(death.contains("stonith node=ha2 result=n_stnth"), death.toString());
    assertEquals(
        List.of("resource rsc_hold=all rtype=full isstable=1"),
        local(new GroupStart("g2", Phase.SUCCEEDED, "ok")));
    assertEquals(
        List.of("resource rsc_hold=all rtype=full isstable=0 info=shutdown"),
        local(new DaemonStopping("SIGTERM")));
  }

  @Test
  void aStoppingHeartbeatNodesGroupsAreTakenOnlyOnceItSaysShutdone() {
    start(Failback.OFF);
    heard();
    from(report(ResourceSet.LOCAL, true));
    assertEquals(List.of("ha2"), ha1.state().group("g2").claimedBy());
    // Captured: the shutdown report comes before the stop, shutdone after it.
    from(ResourceMessage.resource(ResourceSet.NONE, false, "shutdown"));
    assertEquals(List.of("ha2"), ha1.state().group("g2").claimedBy(), "still stopping there");
    assertFalse(ha1.state().group("g2").local().held(), "nothing starts here meanwhile");
    from(ResourceMessage.shutdone());
    assertEquals(List.of("ha1"), ha1.state().group("g2").claimedBy(), "taken at once");
    final List<String> death = round(() -> ha1.dead("ha2"), null, List.of());
    assertTrue(death.contains("stonith node=ha2 result=unneeded"), death.toString());
  }

  @Test
  void afterAPartitionTheSystoleNodeKeepsItsGroupsWhileTheHeartbeatNodeRestarts() {
    start(Failback.ON);
    heard();
    from(report(ResourceSet.LOCAL, true));
    ha1.settle();
    round(() -> ha1.dead("ha2"), null, List.of());
    ha1.startSucceeded("g1").startSucceeded("g2");
    assertEquals(List.of("ha1"), ha1.state().group("g2").claimedBy());
    // The heal: ha2 is heard again in the same life, its partition-time reports arrive late.
    heard();
    from(ResourceMessage.resource(ResourceSet.ALL, true, "req_our_resources()"));
    assertEquals(List.of("ha2"), ha1.state().group("g2").standbyOn(), "on its way out");
    assertEquals(
        List.of("ha1", "ha2"),
        ha1.state().group("g1").claimedBy().stream().sorted().toList(),
        "cut off, ha2 took everything; the reports saying so were lost");
    assertEquals(
        io.systole.engine.state.GroupStatus.RUNNING,
        ha1.state().group("g2").local(),
        "ha1 does not yield g2 to its preferred node: that node restarts");
    from(ResourceMessage.resource(ResourceSet.NONE, false, "shutdown"));
    from(ResourceMessage.shutdone());
    assertEquals(List.of("ha1"), ha1.state().group("g2").claimedBy(), "ha1 alone holds it");
  }

  @Test
  void withAutoFailbackLegacyAHeartbeatNodeNeverCountsAsReady() {
    start(Failback.LEGACY);
    heard();
    from(report(ResourceSet.NONE, true));
    assertFalse(ha1.state().node("ha2").ready());
    assertFalse(ha1.state().settled(), "nothing is decided while the legacy peer is up");
  }
}
