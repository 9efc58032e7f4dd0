package io.systole.engine.state;

import static io.systole.journal.event.Failback.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold's rules, one per test: what each event does to one node's state. */
class FoldTest {
  private static final List<String> NONE = List.of();

  private static Scenario ha1() {
    return Scenario.on("ha1").twoNodes(ON);
  }

  private static GroupState g(final Scenario s, final String group) {
    return s.state().group(group);
  }

  /** {@code s} as it would be after an entry at {@code time} that changed nothing else. */
  private static ClusterState counted(final ClusterState s, final long time) {
    return new ClusterState(
        s.self(), s.layout(), time, s.daemon(), s.nodes(), s.groups(), s.unmatched() + 1);
  }

  @Test
  void unknownNodeOrGroupIsCountedAsUnmatched() {
    final ClusterState s = ha1().peer("ha2").running("g1").state();
    final List<Event> strangers =
        List.of(
            new NodeUp("ha9", "eth0"),
            new NodeWarn("ha9", "eth0", 1, 2),
            new NodeDead("ha9", 5, false, 0, List.of()),
            new LinkUp("ha9", "eth0"),
            new LinkDead("ha9", "eth0", 1, 5),
            new GroupStart("g9", Phase.REQUESTED, "x"),
            new GroupStop("g9", Phase.SUCCEEDED, "x"),
            new ResourceStart("g1", "no-such-resource", Phase.SUCCEEDED, "x"),
            new ResourceStop("g9", "g9", Phase.FAILED, "x"),
            new PeerClaim("ha9", "g1", 1),
            new PeerClaim("ha2", "g9", 1),
            new PeerRelease("ha2", "g9"),
            new PeerStatus("ha9", true, List.of("g1"), NONE, NONE),
            new AdminStandby("ha9", Scope.ALL, "x"),
            new AdminTakeover("ha9", Scope.ALL, "x"),
            new AdminCleanup("ha9", "g1", "x"),
            new AdminCleanup("ha1", "g9", "x"),
            new Fence("ha9", Scenario.AGENT, Phase.SUCCEEDED, "x"));
    final long t = s.timeMicros() + Scenario.STEP;
    for (final Event e : strangers) {
      assertEquals(counted(s, t), Fold.apply(s, t, e), e.toString());
    }
  }

  @Test
  void peerAnnouncementAboutThisNodeChangesNoNodeOrGroup() {
    final ClusterState s = ha1().peer("ha2").running("g1").state();
    for (final Event e :
        List.of(
            new NodeUp("ha1", "eth0"),
            new NodeDead("ha1", 5, false, 0, List.of()),
            new PeerStatus("ha1", false, List.of("g1"), List.of("g1"), NONE))) {
      final ClusterState next = Fold.apply(s, s.timeMicros() + 1, e);
      assertEquals(s.nodes(), next.nodes(), e.toString());
      assertEquals(s.groups(), next.groups(), e.toString());
    }
  }

  @Test
  void entryTimeIsTheStatesTime() {
    final ClusterState s = ha1().state();
    final Event e = new NodeUp("ha2", "eth0");
    final ClusterState next = Fold.apply(s, new Entry(7, 123_456L, "ha1", e));
    assertEquals(123_456L, next.timeMicros());
    assertEquals(123_456L, next.node("ha2").sinceMicros());
    assertEquals(Fold.apply(s, 123_456L, e), next);
  }

  @Test
  void configLoadedPutsTheLayoutInForce() {
    final ClusterState s = ha1().state();
    assertEquals(List.of("ha1", "ha2"), s.layout().nodes());
    assertEquals(NodeStatus.UP, s.node("ha1").status(), "this node is up once its daemon runs");
    assertEquals(NodeStatus.UNKNOWN, s.node("ha2").status());
    assertEquals(List.of("g1", "g2"), s.groups().stream().map(GroupState::name).toList());
    assertEquals("ha2", s.group("g2").preferredNode());
    assertEquals(GroupStatus.STOPPED, s.group("g1").local());
  }

  @Test
  void configVersionOneKeepsTheLayoutInForce() {
    final ClusterState s = ha1().peer("ha2").state();
    final ClusterState next = Fold.apply(s, s.timeMicros() + 1, new ConfigLoaded("/etc", "ab"));
    assertEquals(s.layout(), next.layout());
    assertEquals(s.nodes(), next.nodes());
  }

  @Test
  void configReloadKeepsWhatIsKnownOfNodesAndGroups() {
    final Scenario s = ha1().peer("ha2").running("g1");
    s.then(Scenario.layout(Failback.OFF, "", "ha1", "ha2", "ha3"));
    assertEquals(NodeStatus.UP, s.state().node("ha2").status());
    assertTrue(s.state().node("ha2").ready());
    assertEquals(NodeStatus.UNKNOWN, s.state().node("ha3").status());
    assertEquals(GroupStatus.RUNNING, g(s, "g1").local());
    assertEquals(List.of("ha1"), g(s, "g1").claimedBy());
    assertEquals(Failback.OFF, s.state().layout().failback());
  }

  @Test
  void duplicateNamesInTheLayoutCountOnce() {
    final ConfigLoaded twice =
        new ConfigLoaded(
            "/etc/ha.d",
            "cafe",
            List.of("ha1", "ha2", "ha2"),
            List.of(
                new ConfigLoaded.Group("g1", "ha1", List.of("g1")),
                new ConfigLoaded.Group("g1", "ha2", List.of("g1", "other")),
                new ConfigLoaded.Group("g2", "ha2", List.of("g2"))),
            ON,
            "");
    final ClusterState s = Scenario.on("ha1").started(twice).state();
    assertEquals(List.of("ha1", "ha2"), s.nodes().stream().map(NodeState::name).toList());
    assertEquals(List.of("g1", "g2"), s.groups().stream().map(GroupState::name).toList());
    assertEquals("ha1", s.group("g1").preferredNode(), "the first line wins");
  }

  @Test
  void groupDroppedFromTheConfigurationStaysUntilStoppedAndReleasedHere() {
    final Scenario s = ha1().dead("ha2").running("g1").running("g2");
    s.then(onlyG1());
    assertFalse(g(s, "g2").configured());
    s.then(new GroupStop("g2", Phase.REQUESTED, "removed")).stopSucceeded("g2");
    assertEquals(GroupStatus.STOPPED, g(s, "g2").local());
    assertEquals(List.of("ha1"), g(s, "g2").claimedBy(), "kept until the release is announced");
    s.releases("ha1", "g2");
    assertNull(g(s, "g2"));
  }

  private static ConfigLoaded onlyG1() {
    return new ConfigLoaded(
        "/etc/ha.d",
        "beef",
        List.of("ha1", "ha2"),
        List.of(new ConfigLoaded.Group("g1", "ha1", List.of("g1"))),
        ON,
        "");
  }

  @Test
  void readyOnceEveryPeerHeardOrDeadAndSettledOnceEveryUpPeerReady() {
    final Scenario s = Scenario.on("ha1").threeNodes(ON);
    assertFalse(s.state().ready());
    s.up("ha2");
    assertFalse(s.state().ready(), "ha3 unknown");
    s.dead("ha3");
    assertTrue(s.state().ready());
    assertFalse(s.state().settled(), "ha2 has not said it is ready");
    s.status("ha2", NONE, NONE, NONE);
    assertTrue(s.state().settled());
  }

  @Test
  void deadNodeLosesReadinessAndMarksAndWithoutFencingItsClaims() {
    final Scenario s = ha1().peer("ha2").claims("ha2", "g2");
    s.status("ha2", List.of("g1"), List.of("g2"), List.of("g1"));
    s.dead("ha2");
    final NodeState ha2 = s.state().node("ha2");
    assertEquals(NodeStatus.DEAD, ha2.status());
    assertFalse(ha2.ready());
    assertFalse(ha2.link("eth0").up());
    for (final GroupState g : s.state().groups()) {
      assertEquals(NONE, g.claimedBy(), g.name());
      assertEquals(NONE, g.failedOn(), g.name());
      assertEquals(NONE, g.standbyOn(), g.name());
      assertEquals(NONE, g.takeoverOn(), g.name());
    }
  }

  @Test
  void withFencingDeadNodesClaimsStandUntilTheFenceSucceeds() {
    final Scenario s =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2"));
    s.peer("ha2").claims("ha2", "g2").dead("ha2");
    assertEquals(List.of("ha2"), g(s, "g2").claimedBy());
    s.then(new Fence("ha2", Scenario.AGENT, Phase.REQUESTED, "why"));
    assertEquals(FenceStatus.REQUESTED, s.state().node("ha2").fence());
    s.then(new Fence("ha2", Scenario.AGENT, Phase.FAILED, "timeout"));
    assertEquals(List.of("ha2"), g(s, "g2").claimedBy());
    assertEquals("timeout", s.state().node("ha2").fenceDetail());
    s.then(new Fence("ha2", Scenario.AGENT, Phase.SUCCEEDED, "reset"));
    assertEquals(FenceStatus.SUCCEEDED, s.state().node("ha2").fence());
    assertEquals(NONE, g(s, "g2").claimedBy());
  }

  @Test
  void groupStartAndStopFollowTheActuator() {
    final Scenario s = ha1();
    s.then(new GroupStart("g1", Phase.REQUESTED, "why"));
    assertEquals(GroupStatus.STARTING, g(s, "g1").local());
    s.then(new ResourceStart("g1", "g1-fs", Phase.SUCCEEDED, "mounted"));
    assertEquals(ResourceStatus.RUNNING, g(s, "g1").resources().get(1).status());
    s.startSucceeded("g1");
    assertEquals(GroupStatus.RUNNING, g(s, "g1").local());
    s.then(new GroupStop("g1", Phase.REQUESTED, "why"));
    assertEquals(GroupStatus.STOPPING, g(s, "g1").local());
    s.stopSucceeded("g1");
    assertEquals(GroupStatus.STOPPED, g(s, "g1").local());
    assertEquals(s.nextTime() - Scenario.STEP, g(s, "g1").sinceMicros());
  }

  @Test
  void failedStartMarksTheGroupFailedHere() {
    final Scenario s = ha1().then(new GroupStart("g1", Phase.REQUESTED, "why"));
    s.then(new GroupStart("g1", Phase.FAILED, "exit 1"));
    assertEquals(GroupStatus.STOPPED, g(s, "g1").local());
    assertEquals(List.of("ha1"), g(s, "g1").failedOn());
    assertEquals(List.of("g1"), s.state().failedHere());
    assertEquals("exit 1", g(s, "g1").detail());
  }

  @Test
  void failedStopLeavesTheGroupUnclean() {
    final Scenario s = ha1().running("g1").then(new GroupStop("g1", Phase.REQUESTED, "why"));
    s.then(new GroupStop("g1", Phase.FAILED, "umount: busy"));
    assertEquals(GroupStatus.UNCLEAN, g(s, "g1").local());
    assertTrue(GroupStatus.UNCLEAN.held());
  }

  @Test
  void failedResourceStopReportedAfterTheFailedStartStillLeavesTheGroupUnclean() {
    final Scenario s = ha1().then(new GroupStart("g1", Phase.REQUESTED, "why"));
    s.then(
        new ResourceStart("g1", "g1", Phase.SUCCEEDED, "ok"),
        new ResourceStart("g1", "g1-fs", Phase.FAILED, "no device"),
        new GroupStart("g1", Phase.FAILED, "g1-fs"),
        new ResourceStop("g1", "g1", Phase.FAILED, "busy"));
    assertEquals(GroupStatus.UNCLEAN, g(s, "g1").local());
  }

  @Test
  void aSuccessfulGroupStopClearsEarlierResourceFailures() {
    final Scenario s = ha1().then(new GroupStart("g1", Phase.REQUESTED, "why"));
    s.then(
        new ResourceStart("g1", "g1", Phase.SUCCEEDED, "ok"),
        new ResourceStop("g1", "g1", Phase.FAILED, "busy"),
        new GroupStop("g1", Phase.REQUESTED, "retry"),
        new GroupStop("g1", Phase.SUCCEEDED, "stopped"));
    assertEquals(GroupStatus.STOPPED, g(s, "g1").local());
    assertFalse(g(s, "g1").anyStopFailed());
    s.then(
        new GroupStart("g1", Phase.REQUESTED, "again"),
        new ResourceStart("g1", "g1", Phase.FAILED, "no"),
        new GroupStart("g1", Phase.FAILED, "g1"));
    assertEquals(GroupStatus.STOPPED, g(s, "g1").local(), "a plain failed start is not unclean");
  }

  @Test
  void failedResourceStopDuringAFailedStartLeavesTheGroupUnclean() {
    final Scenario s = ha1().then(new GroupStart("g1", Phase.REQUESTED, "why"));
    s.then(
        new ResourceStart("g1", "g1", Phase.SUCCEEDED, "ok"),
        new ResourceStart("g1", "g1-fs", Phase.FAILED, "no device"),
        new ResourceStop("g1", "g1", Phase.FAILED, "busy"),
        new GroupStart("g1", Phase.FAILED, "g1-fs"));
    assertEquals(GroupStatus.UNCLEAN, g(s, "g1").local());
    assertEquals(List.of("ha1"), g(s, "g1").failedOn());
  }

  @Test
  void cleanupClearsUncleanAndForgivesTheFailedStart() {
    final Scenario s = ha1().then(new GroupStart("g1", Phase.REQUESTED, "why"));
    s.then(
        new ResourceStop("g1", "g1", Phase.FAILED, "busy"),
        new GroupStart("g1", Phase.FAILED, "g1-fs"),
        new AdminCleanup("ha1", "g1", "hb_cleanup"));
    assertEquals(GroupStatus.STOPPED, g(s, "g1").local());
    assertEquals(NONE, g(s, "g1").failedOn());
    assertFalse(g(s, "g1").anyStopFailed());
  }

  @Test
  void cleanupOfAPeerForgivesItsFailedStartOnly() {
    final Scenario s =
        ha1().peer("ha2").claims("ha2", "g1").status("ha2", List.of("g1"), NONE, NONE);
    s.then(new AdminCleanup("ha2", "g1", "hb_cleanup"));
    assertEquals(NONE, g(s, "g1").failedOn());
    assertEquals(List.of("ha2"), g(s, "g1").claimedBy(), "ha2's claim is ha2's to release");
  }

  @Test
  void crashRestartMarksGroupsNotStoppedUnknown() {
    final Scenario s = ha1().peer("ha2").running("g1").claims("ha2", "g2");
    s.then(new DaemonStarted("test", 99));
    assertEquals(GroupStatus.UNKNOWN, g(s, "g1").local());
    assertEquals(GroupStatus.STOPPED, g(s, "g2").local());
    assertEquals(NodeStatus.UNKNOWN, s.state().node("ha2").status(), "peers are heard afresh");
    assertEquals(NONE, g(s, "g2").claimedBy(), "and so are their claims");
  }

  @Test
  void cleanRestartKeepsWhatWasStopped() {
    final Scenario s = ha1().peer("ha2").running("g1").stopped();
    assertEquals(ClusterState.Daemon.STOPPED, s.state().daemon());
    s.then(new DaemonStarted("test", 99));
    assertEquals(ClusterState.Daemon.RUNNING, s.state().daemon());
    assertEquals(GroupStatus.RUNNING, g(s, "g1").local(), "a clean stop is not a crash");
  }

  @Test
  void standbyScopeIsRelativeToTheAskingNode() {
    assertEquals(
        List.of(NONE, List.of("ha2")), standbyOn(new AdminStandby("ha2", Scope.LOCAL, "x")));
    assertEquals(
        List.of(List.of("ha2"), NONE), standbyOn(new AdminStandby("ha2", Scope.FOREIGN, "x")));
    assertEquals(
        List.of(List.of("ha2"), List.of("ha2")),
        standbyOn(new AdminStandby("ha2", Scope.ALL, "x")));
    assertEquals(
        List.of(List.of("ha1"), NONE), standbyOn(new AdminStandby("ha1", Scope.LOCAL, "x")));
  }

  private static List<List<String>> standbyOn(final Event e) {
    final Scenario s = ha1().then(e);
    return List.of(g(s, "g1").standbyOn(), g(s, "g2").standbyOn());
  }

  @Test
  void takeoverClearsStandbyOfTheSameGroups() {
    final Scenario s = ha1().then(new AdminStandby("ha1", Scope.ALL, "x"));
    s.then(new AdminTakeover("ha1", Scope.LOCAL, "y"));
    assertEquals(NONE, g(s, "g1").standbyOn());
    assertEquals(List.of("ha1"), g(s, "g1").takeoverOn());
    assertEquals(List.of("ha1"), g(s, "g2").standbyOn());
    assertEquals(List.of("g1"), s.state().takeoverHere());
    assertEquals(List.of("g2"), s.state().standbyHere());
  }

  @Test
  void peerStatusReplacesThePeersMarks() {
    final Scenario s = ha1().peer("ha2").status("ha2", List.of("g1"), List.of("g2"), NONE);
    assertEquals(List.of("ha2"), g(s, "g1").failedOn());
    assertEquals(List.of("ha2"), g(s, "g2").standbyOn());
    s.then(new PeerStatus("ha2", false, NONE, NONE, List.of("g1")));
    assertEquals(NONE, g(s, "g1").failedOn());
    assertEquals(NONE, g(s, "g2").standbyOn());
    assertEquals(List.of("ha2"), g(s, "g1").takeoverOn());
    assertFalse(s.state().node("ha2").ready());
  }

  @Test
  void claimsAreKeptPerNodeInArrivalOrder() {
    final Scenario s = ha1().peer("ha2").running("g1").claims("ha2", "g1");
    assertEquals(List.of("ha1", "ha2"), g(s, "g1").claimedBy());
    assertEquals(List.of("g1"), s.state().claimedHere());
    s.releases("ha1", "g1");
    assertEquals(List.of("ha2"), g(s, "g1").claimedBy());
  }
}
