package io.systole.engine.policy;

import static io.systole.journal.event.Failback.LEGACY;
import static io.systole.journal.event.Failback.OFF;
import static io.systole.journal.event.Failback.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.FenceStatus;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.Scenario;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.Quorum;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat's haresources semantics as the policy decides them, one rule per test. Each scenario is
 * seen from one node; where a rule is about two nodes agreeing, both views are built. Plans are in
 * brief ({@link Scenario#brief}).
 */
class PolicyRulesTest {
  private static final List<String> NONE = List.of();

  private static Scenario ha1(final Failback failback) {
    return Scenario.on("ha1").twoNodes(failback);
  }

  private static Scenario ha2(final Failback failback) {
    return Scenario.on("ha2").twoNodes(failback);
  }

  private static Rule rule(final Scenario s, final int action) {
    return s.decide().get(action).reason().rule();
  }

  private static String owner(final Scenario s, final String group) {
    final ClusterState st = s.state();
    return Placement.owner(st, st.group(group));
  }

  // Starting

  @Test
  void preferredNodeTakesItsGroupOnceEveryNodeHeardEveryOther() {
    final Scenario a = ha1(ON);
    final Scenario b = ha2(ON);
    assertEquals(NONE, a.plan(), "ha2 not heard yet");
    a.up("ha2");
    b.up("ha1");
    assertEquals(NONE, a.plan(), "ha2 heard but has not heard everyone yet");
    a.peer("ha2");
    b.peer("ha1");
    assertEquals(List.of("claim g1", "start g1"), a.plan());
    assertEquals(Rule.START_PREFERRED, rule(a, 1));
    assertEquals(List.of("claim g2", "start g2"), b.plan());
    assertEquals(Rule.START_PREFERRED, rule(b, 1));
  }

  @Test
  void nodeWaitsForInitdeadOrPeers() {
    final Scenario s = Scenario.on("ha1").threeNodes(ON).peer("ha2");
    assertFalse(s.state().ready(), "ha3 neither heard nor declared dead");
    assertEquals(NONE, s.plan());
    s.dead("ha3"); // initdead passed without a word from ha3
    assertTrue(s.state().ready());
    assertTrue(s.state().settled());
    assertEquals(List.of("claim g1", "start g1", "claim g3", "start g3"), s.plan());
  }

  @Test
  void nodeActsOnlyOnceEveryUpPeerIsReady() {
    final Scenario s = ha1(ON).up("ha2");
    assertTrue(s.state().ready());
    assertFalse(s.state().settled(), "ha2 is up but has not said it is ready");
    assertEquals(NONE, s.plan());
    s.status("ha2", NONE, NONE, NONE);
    assertTrue(s.state().settled());
    assertEquals(List.of("claim g1", "start g1"), s.plan());
  }

  @Test
  void nodeAloneTakesEveryGroup() {
    final Scenario s = ha1(ON).dead("ha2");
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), s.plan());
    assertEquals(Rule.START_PREFERRED, rule(s, 1));
    assertEquals(Rule.START_FAILOVER, rule(s, 3));
  }

  @Test
  void claimIsAnnouncedBeforeStartAndReleaseOnlyOnceStopped() {
    final Scenario s = ha1(ON).dead("ha2");
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), s.settle());
    s.startSucceeded("g1").startSucceeded("g2");
    assertEquals(NONE, s.settle());
    s.peer("ha2");
    assertEquals(List.of("stop g2"), s.settle(), "failback: g2 back to ha2");
    assertEquals(List.of("ha1"), s.state().group("g2").claimedBy(), "claimed while stopping");
    s.stopSucceeded("g2");
    assertEquals(List.of("release g2"), s.settle());
    assertEquals(NONE, s.state().group("g2").claimedBy());
  }

  @Test
  void nodeNotInTheNodeLinesDoesNothing() {
    final Scenario s = Scenario.on("ha9").twoNodes(ON).peer("ha1", "ha2");
    assertEquals(NONE, s.plan());
  }

  @Test
  void stoppedDaemonDecidesNothing() {
    final Scenario s = ha1(ON).dead("ha2").stopped();
    assertEquals(NONE, s.plan());
  }

  @Test
  void stoppingDaemonGivesUpItsGroupsLastFirstOneAtATimeAndStartsNothing() {
    final Scenario s = ha1RunningBoth().then(new DaemonStopping("SIGTERM"));
    assertEquals(List.of("stop g2"), s.settle(), "the last group first, alone");
    assertEquals(
        Rule.STOP_SHUTDOWN,
        s.events().stream()
            .filter(e -> e instanceof GroupStop)
            .map(e -> Reason.parse(((GroupStop) e).detail()).rule())
            .findFirst()
            .orElseThrow());
    assertFalse(s.state().stopDone());
    s.stopSucceeded("g2");
    assertEquals(List.of("release g2", "stop g1"), s.settle());
    s.stopSucceeded("g1");
    assertEquals(List.of("release g1"), s.settle());
    assertTrue(s.state().stopDone(), "everything stopped and released");
    s.dead("ha2");
    assertEquals(NONE, s.plan(), "a stopping daemon takes over nothing");
  }

  @Test
  void stoppingDaemonWaitsForAStartAndKeepsAnUncleanGroupClaimed() {
    final Scenario s = ha1(ON).dead("ha2");
    s.settle();
    s.startSucceeded("g1").then(new DaemonStopping("SIGTERM"));
    assertEquals(List.of(), s.plan(), "g2 is starting: wait for it");
    s.then(new GroupStart("g2", Phase.FAILED, "exit 1"));
    s.then(new ResourceStop("g2", "g2", Phase.FAILED, "exit 1"));
    assertEquals(List.of("stop g1"), s.settle());
    s.stopSucceeded("g1");
    s.settle();
    assertFalse(s.state().stopDone(), "g2 may still run: the daemon stays and claims it");
    assertEquals(List.of("ha1"), s.state().group("g2").claimedBy());
    s.then(new io.systole.journal.event.AdminCleanup("ha1", "g2", "admin"));
    assertEquals(List.of("release g2"), s.settle());
    assertTrue(s.state().stopDone(), s.state().toString());
  }

  @Test
  void aFailedMonitorRestartsTheGroupHereOnceKeepingTheClaimThenMovesIt() {
    final Scenario s = ha1RunningG1().then(new MonitorFailed("g1", "g1", "exit 7 (not running)"));
    assertEquals(List.of("stop g1"), s.plan());
    assertEquals(Rule.RESTART_MONITOR, rule(s, 0));
    s.settle();
    s.stopSucceeded("g1");
    assertEquals(List.of("start g1"), s.plan(), "no release: the group stays claimed here");
    assertEquals(Rule.RESTART_MONITOR, rule(s, 0));
    s.settle();
    s.startSucceeded("g1");
    assertEquals(NONE, s.plan());
    s.then(new MonitorFailed("g1", "g1", "exit 1"));
    assertEquals(List.of("stop g1"), s.plan(), "a second failure moves it");
    assertEquals(Rule.STOP_FAILED_HERE, rule(s, 0));
    s.settle();
    s.stopSucceeded("g1");
    assertEquals(List.of("release g1"), s.settle());
    assertEquals(List.of("ha1"), s.state().group("g1").failedOn());
  }

  @Test
  void aLateMonitorFailureOfAStoppedGroupChangesNothing() {
    final Scenario s = ha1RunningG1();
    final ClusterState before = s.state();
    s.then(new GroupStop("g1", Phase.REQUESTED, "x"));
    s.then(new MonitorFailed("g1", "g1", "exit 7"));
    assertEquals(
        before.group("g1").recovery(), s.state().group("g1").recovery(), "no restart asked");
  }

  // Failover

  @Test
  void deadNodesGroupMovesToSurvivor() {
    final Scenario s = ha1(ON).peer("ha2").running("g1").claims("ha2", "g2");
    assertEquals(NONE, s.plan());
    s.dead("ha2");
    assertEquals(List.of("claim g2", "start g2"), s.plan());
    assertEquals(Rule.START_FAILOVER, rule(s, 1));
  }

  @Test
  void thirdNodeTakesOverInNodeLineOrderAfterPreferred() {
    // ha2 dies: its g2 goes to the next node line after ha2, ha3, not to ha1.
    final Scenario s3 = Scenario.on("ha3").threeNodes(ON).peer("ha1").dead("ha2");
    assertEquals(List.of("claim g2", "start g2", "claim g3", "start g3"), s3.plan());
    final Scenario s1 = Scenario.on("ha1").threeNodes(ON).peer("ha3").dead("ha2");
    assertEquals(List.of("claim g1", "start g1"), s1.plan());
    // ha3 dies: the order wraps, g3 goes to ha1.
    final Scenario w1 = Scenario.on("ha1").threeNodes(ON).peer("ha2").dead("ha3");
    assertEquals(List.of("claim g1", "start g1", "claim g3", "start g3"), w1.plan());
    final Scenario w2 = Scenario.on("ha2").threeNodes(ON).peer("ha1").dead("ha3");
    assertEquals(List.of("claim g2", "start g2"), w2.plan());
  }

  @Test
  void failoverSkipsEveryDeadNodeInOrder() {
    final Scenario s = Scenario.on("ha1").threeNodes(ON).dead("ha2", "ha3");
    assertEquals(
        List.of("claim g1", "start g1", "claim g2", "start g2", "claim g3", "start g3"), s.plan());
  }

  // auto_failback

  /** ha2 ran both groups while ha1 was away; ha1 is back and heard ha2. */
  private static Scenario ha2HoldingBothAsHa1Returns(final Failback failback) {
    final Scenario s = ha2(failback).dead("ha1");
    s.settle();
    return s.startSucceeded("g1").startSucceeded("g2").up("ha1");
  }

  @Test
  void autoFailbackOnReturnsGroupWhenPreferredNodeIsReady() {
    final Scenario s = ha2HoldingBothAsHa1Returns(ON);
    assertEquals(NONE, s.plan(), "ha1 is up but not ready yet");
    s.status("ha1", NONE, NONE, NONE);
    assertEquals(List.of("stop g1"), s.plan());
    assertEquals(Rule.STOP_FAILBACK, rule(s, 0));
    // ha1's side: it waits for ha2's release, then starts g1.
    final Scenario a = ha1(ON).peer("ha2").claims("ha2", "g1").claims("ha2", "g2");
    assertEquals(NONE, a.plan());
    a.releases("ha2", "g1");
    assertEquals(List.of("claim g1", "start g1"), a.plan());
    assertEquals(Rule.START_PREFERRED, rule(a, 1));
  }

  @Test
  void autoFailbackLegacyBehavesAsOn() {
    final Scenario s = ha2HoldingBothAsHa1Returns(LEGACY).status("ha1", NONE, NONE, NONE);
    assertEquals(List.of("stop g1"), s.plan());
    assertEquals(Rule.STOP_FAILBACK, rule(s, 0));
  }

  @Test
  void autoFailbackOffLeavesGroupWhereItRuns() {
    final Scenario s = ha2HoldingBothAsHa1Returns(OFF).status("ha1", NONE, NONE, NONE);
    assertEquals(NONE, s.plan());
    final Scenario a = ha1(OFF).peer("ha2").claims("ha2", "g1").claims("ha2", "g2");
    assertEquals(NONE, a.plan());
    assertEquals("ha2", owner(a, "g1"));
    assertEquals("ha2", owner(s, "g1"));
  }

  // Standby and takeover

  /** ha1's view: ha1 runs g1, ha2 runs g2. */
  private static Scenario ha1RunningG1() {
    return ha1(ON).peer("ha2").running("g1").claims("ha2", "g2");
  }

  /** ha1's view, auto_failback off: ha1 runs both groups, ha2 is back and ready. */
  private static Scenario ha1RunningBoth() {
    final Scenario s = ha1(OFF).dead("ha2");
    s.settle();
    return s.startSucceeded("g1").startSucceeded("g2").peer("ha2");
  }

  @Test
  void standbyLocalHandsOwnGroupsToPeer() {
    final Scenario s = ha1RunningG1().then(new AdminStandby("ha1", Scope.LOCAL, "hb_standby"));
    assertEquals(List.of("stop g1"), s.plan());
    assertEquals(Rule.STOP_STANDBY, rule(s, 0));
    // ha2's side: it starts g1 once ha1 released it.
    final Scenario b =
        ha2(ON).peer("ha1").running("g2").claims("ha1", "g1").status("ha1", NONE, L("g1"), NONE);
    assertEquals(NONE, b.plan());
    b.releases("ha1", "g1");
    assertEquals(List.of("claim g1", "start g1"), b.plan());
    assertEquals(Rule.START_FAILOVER, rule(b, 1));
  }

  @Test
  void standbyForeignHandsOthersGroupsToPeer() {
    final Scenario s = ha1RunningBoth().then(new AdminStandby("ha1", Scope.FOREIGN, "hb_standby"));
    assertEquals(List.of("stop g2"), s.plan());
  }

  @Test
  void standbyAllHandsEveryGroupToPeer() {
    final Scenario s = ha1RunningBoth().then(new AdminStandby("ha1", Scope.ALL, "hb_standby"));
    assertEquals(List.of("stop g1", "stop g2"), s.plan());
  }

  @Test
  void standbyIsKeptWhenNoOtherNodeCanTakeIt() {
    final Scenario s = ha1(ON).dead("ha2");
    s.settle();
    s.startSucceeded("g1").startSucceeded("g2");
    s.then(new AdminStandby("ha1", Scope.ALL, "hb_standby"));
    assertEquals(NONE, s.plan(), "ha2 is dead: ha1 keeps both");
    s.peer("ha2");
    assertEquals(List.of("stop g1", "stop g2"), s.plan(), "ha2 can take them now");
  }

  @Test
  void takeoverTakesGroupsFromPeer() {
    // ha1 runs both; an admin on ha2 asks for everything.
    final Scenario b = ha2(OFF).peer("ha1").claims("ha1", "g1").claims("ha1", "g2");
    b.then(new AdminTakeover("ha2", Scope.ALL, "hb_takeover"));
    assertEquals(NONE, b.plan(), "ha1 still holds them");
    final Scenario a = ha1RunningBoth().status("ha2", NONE, NONE, L("g1", "g2"));
    assertEquals(List.of("stop g1", "stop g2"), a.plan());
    assertEquals(Rule.STOP_TAKEOVER_BY_PEER, rule(a, 0));
    b.releases("ha1", "g1").releases("ha1", "g2");
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), b.plan());
    assertEquals(Rule.START_TAKEOVER, rule(b, 1));
  }

  @Test
  void takeoverLocalTakesOnlyTheAskingNodesOwnGroups() {
    final Scenario a = ha1RunningBoth().status("ha2", NONE, NONE, L("g2"));
    assertEquals(List.of("stop g2"), a.plan());
    final Scenario b = ha2(OFF).peer("ha1").claims("ha1", "g1").claims("ha1", "g2");
    b.then(new AdminTakeover("ha2", Scope.LOCAL, "hb_takeover"));
    assertEquals(List.of("g2"), b.state().takeoverHere());
  }

  // Failures

  @Test
  void failedStartLetsAnotherNodeTry() {
    final Scenario a = ha1(ON).peer("ha2").claims("ha2", "g2");
    assertEquals(List.of("claim g1", "start g1"), a.settle());
    a.then(new GroupStart("g1", Phase.FAILED, "IPaddr: exit 1"));
    assertEquals(List.of("release g1"), a.settle());
    assertEquals(List.of("g1"), a.state().failedHere());
    assertEquals("ha2", owner(a, "g1"));
    final Scenario b =
        ha2(ON).peer("ha1").running("g2").claims("ha1", "g1").status("ha1", L("g1"), NONE, NONE);
    assertEquals(NONE, b.plan(), "ha1 still holds g1");
    b.releases("ha1", "g1");
    assertEquals(List.of("claim g1", "start g1"), b.plan());
    assertEquals(Rule.START_FAILOVER, rule(b, 1));
  }

  @Test
  void failedStopLeavesGroupUncleanAndNobodyStartsIt() {
    final Scenario b = ha2HoldingBothAsHa1Returns(ON).status("ha1", NONE, NONE, NONE);
    assertEquals(List.of("stop g1"), b.settle());
    b.then(new GroupStop("g1", Phase.FAILED, "Filesystem: umount busy"));
    assertEquals(GroupStatus.UNCLEAN, b.state().group("g1").local());
    assertEquals(NONE, b.settle(), "no release: g1 may still run here");
    assertTrue(b.state().group("g1").claimedBy().contains("ha2"));
    b.dead("ha1");
    assertEquals(NONE, b.settle(), "not even here once ha1 is gone");
    // ha1's side: ha2 never releases g1, so ha1 never starts it, though it prefers it.
    final Scenario a = ha1(ON).peer("ha2").claims("ha2", "g1").claims("ha2", "g2");
    assertEquals("ha1", owner(a, "g1"));
    assertEquals(NONE, a.plan());
  }

  @Test
  void failedResourceStopDuringFailedStartLeavesGroupUnclean() {
    final Scenario a = ha1(ON).peer("ha2");
    a.settle();
    a.then(
        new ResourceStart("g1", "g1", Phase.SUCCEEDED, "ok"),
        new ResourceStart("g1", "g1-fs", Phase.FAILED, "mount: no such device"),
        new ResourceStop("g1", "g1", Phase.FAILED, "IPaddr: busy"),
        new GroupStart("g1", Phase.FAILED, "g1-fs failed"));
    assertEquals(GroupStatus.UNCLEAN, a.state().group("g1").local());
    assertEquals(NONE, a.settle());
    assertEquals(List.of("ha1"), a.state().group("g1").claimedBy());
  }

  @Test
  void cleanupClearsUnclean() {
    final Scenario a = ha1(ON).peer("ha2");
    a.settle();
    a.then(
        new ResourceStop("g1", "g1", Phase.FAILED, "IPaddr: busy"),
        new GroupStart("g1", Phase.FAILED, "g1-fs failed"));
    assertEquals(GroupStatus.UNCLEAN, a.state().group("g1").local());
    a.then(new AdminCleanup("ha1", "g1", "hb_cleanup"));
    assertEquals(GroupStatus.STOPPED, a.state().group("g1").local());
    assertEquals(NONE, a.state().failedHere());
    assertEquals(List.of("release g1", "claim g1", "start g1"), a.settle());
  }

  @Test
  void cleanupOfAFailedStartLetsThePreferredNodeTryAgain() {
    final Scenario a = ha1(ON).dead("ha2");
    a.settle();
    a.startSucceeded("g2").then(new GroupStart("g1", Phase.FAILED, "exit 1"));
    assertEquals(List.of("release g1"), a.settle(), "no node left to try g1");
    a.then(new AdminCleanup("ha1", "g1", "hb_cleanup"));
    assertEquals(List.of("claim g1", "start g1"), a.settle());
  }

  // Claims

  @Test
  void nothingStartsWhileAPeerClaimsTheGroup() {
    final Scenario a = ha1(ON).peer("ha2").claims("ha2", "g1");
    assertEquals("ha1", owner(a, "g1"), "ha1 should run g1...");
    assertEquals(NONE, a.plan(), "...but ha2 holds it");
    a.releases("ha2", "g1");
    assertEquals(List.of("claim g1", "start g1"), a.plan());
  }

  @Test
  void healedPartitionLeavesTheGroupWithOneHolder() {
    // Both ran g1 while they could not hear each other; auto_failback off.
    final Scenario b = ha2(OFF).dead("ha1");
    b.settle();
    b.startSucceeded("g1").startSucceeded("g2").peer("ha1").claims("ha1", "g1");
    final Scenario a = ha1(OFF).dead("ha2");
    a.settle();
    a.startSucceeded("g1").startSucceeded("g2").peer("ha2").claims("ha2", "g1").claims("ha2", "g2");
    b.claims("ha1", "g2");
    assertEquals(owner(a, "g1"), owner(b, "g1"));
    assertEquals(owner(a, "g2"), owner(b, "g2"));
    // Each yields the group whose preferred node also holds it.
    assertEquals(List.of("stop g2"), a.plan());
    assertEquals(Rule.STOP_YIELD, rule(a, 0));
    assertEquals(List.of("stop g1"), b.plan());
  }

  @Test
  void afterAHealTheNewerClaimKeepsTheGroupWithAutoFailbackOff() {
    // ha1 ran g1 (claim 1); cut off, it kept it while ha2 took it over (claim 2); then the heal.
    final Scenario b = ha2(OFF).peer("ha1").claims("ha1", "g1").dead("ha1");
    final List<Action> took = b.settleActions();
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), Scenario.brief(took));
    assertEquals(2, ((Action.AnnounceClaim) took.get(0)).term(), "newer than ha1's claim 1");
    assertEquals(1, ((Action.AnnounceClaim) took.get(2)).term(), "g2 was never claimed");
    b.startSucceeded("g1").peer("ha1").claims("ha1", "g1", 1);
    assertEquals("ha2", owner(b, "g1"));
    assertEquals(NONE, b.plan(), "ha2 keeps g1: clients already follow it");

    final Scenario a = ha1(OFF).peer("ha2").dead("ha2");
    a.settle();
    a.startSucceeded("g1").peer("ha2").claims("ha2", "g1", 2);
    assertEquals("ha2", owner(a, "g1"));
    assertEquals(List.of("stop g1"), a.plan(), "the older holder yields, preferred or not");
    assertEquals(Rule.STOP_YIELD, rule(a, 0));
    assertEquals(
        2, a.state().group("g1").marks().term(), "its next claim will be newer than ha2's");
  }

  @Test
  void afterAHealThePreferredNodeKeepsTheGroupWithAutoFailbackOn() {
    final Scenario a = ha1(ON).peer("ha2").dead("ha2");
    a.settle();
    a.startSucceeded("g1").peer("ha2").claims("ha2", "g1", 2);
    assertEquals("ha1", owner(a, "g1"));
    assertEquals(NONE, a.plan(), "failback: the preferred node keeps its group");
  }

  @Test
  void aNodeRestartedAfterACrashNeverOutranksTheNodeThatTookItsGroup() {
    // ha1 ran g1 (claim 1) and crashed; ha2 took it (claim 2); ha1 restarts, claims g1 only
    // because it may still run there, and is ready before its recovery stop ends.
    final Scenario a = ha1(OFF).peer("ha2").running("g1");
    a.then(new DaemonStarted("test", 4343));
    final List<Action> recover = a.settleActions();
    assertEquals(List.of("claim g1", "stop g1"), Scenario.brief(recover));
    assertEquals(0, ((Action.AnnounceClaim) recover.get(0)).term(), "the oldest claim there is");
    a.peer("ha2").claims("ha2", "g1", 2);
    assertEquals("ha2", owner(a, "g1"));
    final Scenario b = ha2(OFF).peer("ha1").claims("ha1", "g1", 1).dead("ha1");
    b.settle();
    b.startSucceeded("g1").peer("ha1").claims("ha1", "g1", 0);
    assertEquals("ha2", owner(b, "g1"), "ha2 keeps g1 while ha1 recovers");
    assertEquals(NONE, b.plan());
  }

  @Test
  void claimNumbersOnlyGrowThroughReleasesAndRestarts() {
    final Scenario a = ha1(OFF).peer("ha2").claims("ha2", "g1", 7).releases("ha2", "g1");
    assertEquals(7, a.state().group("g1").marks().term());
    a.then(new DaemonStopped("test"), new DaemonStarted("test", 1));
    assertEquals(7, a.state().group("g1").marks().term(), "a restart forgets claims, not numbers");
    a.peer("ha2");
    final List<Action> claim = a.settleActions();
    assertEquals("claim g1", Scenario.brief(claim.get(0)));
    assertEquals(8, ((Action.AnnounceClaim) claim.get(0)).term());
  }

  // Restart after a crash

  @Test
  void crashRestartStopsGroupsOfUnknownState() {
    final Scenario a = ha1(ON).peer("ha2").running("g1");
    a.then(new DaemonStarted("test", 4343)); // no DaemonStopped before it
    assertEquals(GroupStatus.UNKNOWN, a.state().group("g1").local());
    assertFalse(a.state().ready());
    assertEquals(List.of("claim g1", "stop g1"), a.plan(), "stopped before anything else");
    assertEquals(Rule.STOP_RECOVER, rule(a, 1));
    a.settle();
    a.stopSucceeded("g1");
    assertEquals(List.of("release g1"), a.settle());
    a.peer("ha2");
    assertEquals(List.of("claim g1", "start g1"), a.settle());
  }

  @Test
  void cleanRestartStopsNothing() {
    final Scenario a = ha1(ON).peer("ha2").running("g1");
    a.then(new GroupStop("g1", Phase.REQUESTED, "shutdown"))
        .stopSucceeded("g1")
        .releases("ha1", "g1");
    a.stopped().then(new DaemonStarted("test", 4343));
    assertEquals(GroupStatus.STOPPED, a.state().group("g1").local());
    assertEquals(NONE, a.plan());
  }

  // Fencing

  private static Scenario fenced(final String self) {
    return Scenario.on(self).started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2", "ha3"));
  }

  @Test
  void fencingComesBeforeTakeoverAndNeverTargetsSelf() {
    final Scenario a =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2"));
    a.peer("ha2").running("g1").claims("ha2", "g2").dead("ha2");
    assertEquals(List.of("fence ha2"), a.plan());
    final Action.RequestFence fence = (Action.RequestFence) a.decide().get(0);
    assertEquals(Scenario.AGENT, fence.agent());
    assertEquals(Rule.FENCE_DEAD_HOLDER, fence.reason().rule());
    assertEquals(List.of("fence ha2"), a.settle(), "g2 waits for the fence");
    a.then(new Fence("ha2", Scenario.AGENT, Phase.FAILED, "timeout"));
    assertEquals(NONE, a.settle(), "the fence runner retries a failed fence; g2 still waits");
    a.then(new Fence("ha2", Scenario.AGENT, Phase.SUCCEEDED, "reset"));
    assertEquals(List.of("claim g2", "start g2"), a.settle());
    // ha2's view of ha1 dead: it fences ha1, never itself.
    final Scenario b =
        Scenario.on("ha2").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2"));
    b.peer("ha1").running("g2").claims("ha1", "g1").dead("ha1");
    assertEquals(List.of("fence ha1"), b.plan());
  }

  @Test
  void nothingStartsWhileADeadNodeIsUnfenced() {
    final Scenario b = fenced("ha2").peer("ha1", "ha3").claims("ha1", "g1").dead("ha1");
    assertEquals(List.of("fence ha1"), b.settle(), "not even g2, whose claim ha1 may have missed");
    b.then(new Fence("ha1", Scenario.AGENT, Phase.SUCCEEDED, "reset"));
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), b.plan());
  }

  @Test
  void onlyTheFirstMemberFences() {
    final Scenario c = fenced("ha3").peer("ha1", "ha2").claims("ha2", "g2").dead("ha2");
    assertEquals(NONE, c.plan(), "ha1 fences; g3 waits for it");
    final Scenario a = fenced("ha1").peer("ha2", "ha3").claims("ha2", "g2").dead("ha2");
    assertEquals(List.of("fence ha2"), a.plan());
    final Scenario last = fenced("ha3").peer("ha1", "ha2").claims("ha1", "g1").claims("ha2", "g2");
    last.dead("ha1", "ha2");
    assertEquals(List.of("fence ha1", "fence ha2"), last.plan());
    // ha1 is up but does not hear ha3: not a member, so ha3 fences.
    final Scenario deaf = fenced("ha3").peer("ha1", "ha2").claims("ha2", "g2").dead("ha2");
    deaf.then(
        new PeerStatus("ha1", true, List.of(), List.of(), List.of(), List.of(), List.of(), false));
    assertEquals(List.of("fence ha2"), deaf.plan());
  }

  @Test
  void deadNodeHoldingNothingIsFencedTooUnlessItLeftCleanly() {
    final Scenario a =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2")).dead("ha2");
    assertEquals(List.of("fence ha2"), a.plan());
    assertEquals(Rule.FENCE_DEAD, a.decide().get(0).reason().rule());
    final Scenario left =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2")).peer("ha2");
    left.then(
            new PeerStatus(
                "ha2",
                true,
                List.of(),
                List.of("g1", "g2"),
                List.of(),
                List.of("ha1"),
                List.of(),
                true))
        .dead("ha2");
    assertEquals(FenceStatus.UNNEEDED, left.state().node("ha2").fence());
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), left.plan());
    // Leaving while still claiming a group: the group may still run there, so fence it.
    final Scenario holding =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2")).peer("ha2");
    holding
        .claims("ha2", "g2")
        .then(
            new PeerStatus(
                "ha2", true, List.of(), List.of(), List.of(), List.of("ha1"), List.of(), true))
        .dead("ha2");
    assertEquals(List.of("fence ha2"), holding.plan());
  }

  @Test
  void theNodeHoldingGroupsFencesFirstTheOtherWaits() {
    final ConfigLoaded delayed =
        Scenario.layout(
            ON,
            Scenario.AGENT,
            new ConfigLoaded.Guards(Quorum.OFF, List.of(), "", 3_000_000L, List.of()),
            "ha1",
            "ha2");
    // ha2 holds g2 and ha1 holds nothing: of the two halves, ha2 goes first.
    final Scenario one = Scenario.on("ha1").started(delayed).peer("ha2").claims("ha2", "g2");
    one.dead("ha2");
    assertEquals(3_000_000L, ((Action.RequestFence) one.decide().get(0)).delayMicros());
    final Scenario two = Scenario.on("ha2").started(delayed).peer("ha1").running("g2");
    two.dead("ha1");
    assertEquals(0L, ((Action.RequestFence) two.decide().get(0)).delayMicros());
    // Both hold groups: the node lines decide.
    final Scenario both = Scenario.on("ha2").started(delayed).peer("ha1").running("g2");
    both.claims("ha1", "g1").dead("ha1");
    assertEquals(3_000_000L, ((Action.RequestFence) both.decide().get(0)).delayMicros());
  }

  @Test
  void aFenceEntryAboutThisNodeChangesNothing() {
    final Scenario a =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2")).peer("ha2");
    a.running("g1");
    final ClusterState before = a.state();
    a.then(new Fence("ha1", Scenario.AGENT, Phase.SUCCEEDED, "reset"));
    assertEquals(before.node("ha1"), a.state().node("ha1"));
    assertEquals(before.group("g1").claimedBy(), a.state().group("g1").claimedBy());
  }

  // Quorum

  private static ConfigLoaded quorum(final String tiebreaker, final String... nodes) {
    return Scenario.layout(
        ON,
        "",
        new ConfigLoaded.Guards(
            Quorum.MAJORITY,
            List.of(),
            tiebreaker,
            0,
            tiebreaker.isEmpty() ? List.of() : List.of(tiebreaker)),
        nodes);
  }

  @Test
  void aMinorityStopsItsGroupsAndStartsNothing() {
    final Scenario c = Scenario.on("ha3").started(quorum("", "ha1", "ha2", "ha3")).peer("ha1");
    c.peer("ha2").running("g3");
    assertEquals(NONE, c.plan());
    c.dead("ha1", "ha2");
    assertFalse(c.state().quorate());
    assertEquals(List.of("stop g3"), c.plan());
    assertEquals(Rule.STOP_NO_QUORUM, c.decide().get(0).reason().rule());
    c.settle();
    c.stopSucceeded("g3");
    assertEquals(List.of("release g3"), c.settle());
    // The majority side runs everything.
    final Scenario a = Scenario.on("ha1").started(quorum("", "ha1", "ha2", "ha3")).peer("ha2");
    a.dead("ha3");
    assertEquals(
        List.of("claim g1", "start g1", "claim g3", "start g3"),
        a.plan().stream().filter(x -> !x.endsWith("g2")).toList());
  }

  @Test
  void aPeerThatDoesNotHearThisNodeDoesNotCountForQuorum() {
    final Scenario a = Scenario.on("ha1").started(quorum("", "ha1", "ha2", "ha3")).peer("ha2");
    a.dead("ha3");
    assertTrue(a.state().quorate());
    a.then(
        new PeerStatus(
            "ha2", true, List.of(), List.of(), List.of(), List.of("ha3"), List.of(), false));
    assertFalse(a.state().quorate(), "ha2 hears ha3 only");
  }

  @Test
  void halfTheVotesAndTheTiebreakerMakeQuorum() {
    final Scenario a = Scenario.on("ha1").started(quorum("gw", "ha1", "ha2")).dead("ha2");
    assertFalse(a.state().quorate());
    assertEquals(NONE, a.plan());
    a.then(new PingStatus("gw", true, "10.0.0.254 answered"));
    assertTrue(a.state().quorate());
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), a.plan());
  }

  @Test
  void theQuorumFilesLockIsATiebreakerAndNoPingGroup() {
    final String file = "/shared/systole.quorum";
    final ConfigLoaded config =
        Scenario.layout(
            ON,
            "",
            new ConfigLoaded.Guards(Quorum.MAJORITY, List.of(), file, 0, List.of()),
            "ha1",
            "ha2");
    final Scenario a = Scenario.on("ha1").started(config).peer("ha2");
    a.then(new PingStatus(file, true, "this node holds the lock"));
    a.dead("ha2");
    assertTrue(a.state().quorate());
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), a.plan());
    final Scenario b = Scenario.on("ha2").started(config).peer("ha1");
    b.then(new PingStatus(file, false, "another node holds the lock")).running("g2");
    b.then(
        new PeerStatus(
            "ha1", true, List.of(), List.of(), List.of(), List.of("ha2"), List.of(file), false));
    assertEquals(NONE, b.plan(), "the lock is no ping group: ha1 is not better placed for g2");
    b.dead("ha1");
    assertFalse(b.state().quorate());
    assertEquals(List.of("stop g2"), b.plan());
  }

  // Ping nodes

  @Test
  void aNodeThatLostItsPingGroupHandsItsGroupsOver() {
    final ConfigLoaded pinging =
        Scenario.layout(
            ON,
            "",
            new ConfigLoaded.Guards(Quorum.OFF, List.of(), "", 0, List.of("gw")),
            "ha1",
            "ha2");
    final Scenario a = Scenario.on("ha1").started(pinging).peer("ha2").running("g1");
    assertFalse(a.state().ready(), "not ready before its prober judged gw");
    a.then(new PingStatus("gw", true, "up"))
        .then(
            new PeerStatus(
                "ha2",
                true,
                List.of(),
                List.of(),
                List.of(),
                List.of("ha1"),
                List.of("gw"),
                false));
    assertEquals(NONE, a.plan());
    a.then(new PingStatus("gw", false, "no reply for 2 s"));
    assertEquals(List.of("stop g1"), a.plan());
    assertEquals(Rule.STOP_PING, a.decide().get(0).reason().rule());
    // The peer's view: it takes g1 once ha1 released it, and keeps it while ha1 lacks the path.
    final Scenario b = Scenario.on("ha2").started(pinging).peer("ha1").claims("ha1", "g1");
    b.then(new PingStatus("gw", true, "up"));
    b.releases("ha1", "g1");
    assertTrue(b.plan().containsAll(List.of("claim g1", "start g1")));
  }

  // Configuration

  @Test
  void groupDroppedFromTheConfigurationIsStoppedWhereItRuns() {
    final Scenario a = ha1(ON).dead("ha2");
    a.settle();
    a.startSucceeded("g1").startSucceeded("g2");
    final ConfigLoaded onlyG1 =
        new ConfigLoaded(
            "/etc/ha.d",
            "beef",
            List.of("ha1", "ha2"),
            List.of(new ConfigLoaded.Group("g1", "ha1", List.of("g1"))),
            ON,
            "");
    a.then(onlyG1);
    assertEquals(List.of("stop g2"), a.plan());
    assertEquals(Rule.STOP_REMOVED, rule(a, 0));
    a.settle();
    a.stopSucceeded("g2");
    assertEquals(List.of("release g2"), a.settle());
    assertNull(a.state().group("g2"), "gone once stopped and released");
  }

  // Agreement

  @Test
  void sameMembershipGivesSameOwnerOnEveryNode() {
    for (final Failback f : Failback.values()) {
      final Scenario a = Scenario.on("ha1").threeNodes(f).peer("ha3").dead("ha2");
      final Scenario c = Scenario.on("ha3").threeNodes(f).peer("ha1").dead("ha2");
      for (final String g : List.of("g1", "g2", "g3")) {
        assertEquals(owner(a, g), owner(c, g), g + " with auto_failback " + f);
      }
      assertEquals("ha3", owner(a, "g2"));
    }
  }

  private static List<String> L(final String... names) {
    return List.of(names);
  }
}
