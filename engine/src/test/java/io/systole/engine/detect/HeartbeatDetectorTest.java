package io.systole.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.event.Event;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heartbeat's detector semantics, one rule per test. Times in seconds are turned into µs. */
class HeartbeatDetectorTest {
  /** keepalive 1s, warntime 3s, deadtime 5s, initdead 10s; peers ha2 and ha3 on eth1 and ttyS0. */
  private static final DetectorTimings T = new DetectorTimings(s(1), s(3), s(5), s(10));

  private final FailureDetector d =
      Detectors.heartbeat(T, List.of("ha2", "ha3"), List.of("eth1", "/dev/ttyS0"));

  private static long s(final double seconds) {
    return (long) (seconds * 1_000_000);
  }

  private List<Event> beat(final String node, final String link, final double at) {
    return d.onHeartbeat(node, link, s(at));
  }

  private List<Event> tick(final double at) {
    return d.onTick(s(at));
  }

  /** Both peers heard on both links at 0..until, every second. */
  private void steady(final double until) {
    for (double t = 0; t <= until; t += 1) {
      for (final String n : List.of("ha2", "ha3")) {
        beat(n, "eth1", t);
        beat(n, "/dev/ttyS0", t);
      }
      tick(t);
    }
  }

  @Test
  void aPeerHeardForTheFirstTimeComesUpWithItsLink() {
    assertEquals(
        List.of(new NodeUp("ha2", "eth1"), new LinkUp("ha2", "eth1")), beat("ha2", "eth1", 0));
    assertEquals(List.of(new LinkUp("ha2", "/dev/ttyS0")), beat("ha2", "/dev/ttyS0", 0.1));
  }

  @Test
  void aHeartbeatOnALiveLinkCausesNothingAndAllocatesNoList() {
    beat("ha2", "eth1", 0);
    assertSame(List.of(), beat("ha2", "eth1", 1));
    assertSame(List.of(), tick(1.5));
  }

  @Test
  void heartbeatsFromUnknownNodesOrLinksAreIgnored() {
    assertSame(List.of(), beat("intruder", "eth1", 0));
    assertSame(List.of(), beat("ha2", "eth9", 0));
    assertSame(List.of(), beat("ha1", "eth1", 0), "this node is not its own peer");
  }

  @Test
  void aLinkSilentForWarntimeWarnsOnceWithHowLateBeyondKeepalive() {
    steady(12);
    beat("ha3", "eth1", 13);
    beat("ha3", "/dev/ttyS0", 13);
    beat("ha2", "/dev/ttyS0", 13);
    assertEquals(List.of(), tick(14.9));
    assertEquals(List.of(new NodeWarn("ha2", "eth1", s(12), s(2))), tick(15));
    assertEquals(List.of(), tick(15.5), "one warning per silence");
    beat("ha2", "eth1", 15.6);
    assertEquals(
        List.of(new NodeWarn("ha2", "eth1", s(15.6), s(2.4))),
        tick(19).stream().filter(e -> e instanceof NodeWarn).toList(),
        "a new silence warns again");
  }

  @Test
  void aLinkSilentForDeadtimeDiesWhileTheNodeLivesOnItsOtherLink() {
    steady(12);
    for (double t = 13; t <= 17; t += 1) {
      beat("ha2", "/dev/ttyS0", t);
      beat("ha3", "eth1", t);
      beat("ha3", "/dev/ttyS0", t);
    }
    tick(15);
    assertEquals(List.of(new LinkDead("ha2", "eth1", s(12), s(5))), tick(17));
  }

  @Test
  void aNodeWhoseLinksAreAllDeadIsDeadWithItsEvidence() {
    steady(12);
    for (double t = 13; t <= 20; t += 1) {
      beat("ha3", "eth1", t);
      beat("ha3", "/dev/ttyS0", t);
    }
    tick(15);
    assertEquals(
        List.of(
            new LinkDead("ha2", "eth1", s(12), s(5)),
            new LinkDead("ha2", "/dev/ttyS0", s(12), s(5)),
            new NodeDead(
                "ha2",
                s(5),
                false,
                10,
                List.of(new LinkEvidence("eth1", s(12)), new LinkEvidence("/dev/ttyS0", s(12))))),
        tick(17.2));
    assertEquals(List.of(), tick(20), "a node dies once");
  }

  @Test
  void theEvidenceCountsHeartbeatsOfTheLastTwoDeadtimes() {
    tick(0);
    for (final double t : new double[] {1, 5, 11, 12, 13.5, 14}) {
      beat("ha2", "eth1", t);
    }
    tick(15);
    // Dead at 19 (eth1 silent since 14, ttyS0 never heard): the window is [9, 19].
    final NodeDead dead =
        (NodeDead) tick(19).stream().filter(e -> e instanceof NodeDead).findFirst().orElseThrow();
    assertEquals(4, dead.heartbeatsInWindow());
    assertEquals(
        List.of(
            new LinkEvidence("eth1", s(14)), new LinkEvidence("/dev/ttyS0", LinkEvidence.NEVER)),
        dead.links());
  }

  @Test
  void noNodeIsDeclaredDeadBeforeTheClusterHasBeenUpForInitdead() {
    beat("ha2", "eth1", 0);
    beat("ha2", "/dev/ttyS0", 0);
    beat("ha3", "eth1", 0);
    beat("ha3", "/dev/ttyS0", 0);
    final List<Event> at6 = tick(6);
    assertEquals(4, at6.size(), "the links die at deadtime: " + at6);
    assertTrue(at6.stream().allMatch(e -> e instanceof LinkDead), at6::toString);
    assertEquals(List.of(), tick(9.9));
    final List<Event> at10 = tick(10);
    assertEquals(2, at10.size(), at10::toString);
    assertTrue(at10.stream().allMatch(e -> e instanceof NodeDead), at10::toString);
  }

  @Test
  void aPeerNeverHeardIsDeadAtInitdeadWithInitdeadAsItsDeadtime() {
    tick(0);
    beat("ha3", "eth1", 1);
    beat("ha3", "/dev/ttyS0", 1);
    for (double t = 2; t < 10; t += 1) {
      beat("ha3", "eth1", t);
      beat("ha3", "/dev/ttyS0", t);
      assertEquals(List.of(), tick(t));
    }
    beat("ha3", "eth1", 10);
    beat("ha3", "/dev/ttyS0", 10);
    assertEquals(
        List.of(
            new NodeDead(
                "ha2",
                s(10),
                true,
                0,
                List.of(
                    new LinkEvidence("eth1", LinkEvidence.NEVER),
                    new LinkEvidence("/dev/ttyS0", LinkEvidence.NEVER)))),
        tick(10));
  }

  @Test
  void aDeadNodeAndItsLinkComeBackWhenHeardAgain() {
    steady(12);
    tick(18);
    assertEquals(
        List.of(new NodeUp("ha2", "/dev/ttyS0"), new LinkUp("ha2", "/dev/ttyS0")),
        beat("ha2", "/dev/ttyS0", 20));
    assertEquals(List.of(new LinkUp("ha2", "eth1")), beat("ha2", "eth1", 20.5));
  }

  @Test
  void warntimeAtOrAboveDeadtimeNeverWarns() {
    final FailureDetector late =
        Detectors.heartbeat(
            new DetectorTimings(s(1), s(5), s(5), s(10)), List.of("ha2"), List.of("eth1"));
    late.onTick(0);
    late.onHeartbeat("ha2", "eth1", s(11));
    final List<Event> events = late.onTick(s(16));
    assertEquals(
        List.of(LinkDead.class, NodeDead.class), events.stream().map(Object::getClass).toList());
  }

  private static List<Event> deaths(final List<Event> events) {
    return events.stream().filter(e -> e instanceof LinkDead || e instanceof NodeDead).toList();
  }

  @Test
  void aPauseOfThisNodeIsNotHeldAgainstItsPeersButTheirSilenceAfterItIs() {
    steady(12); // all heard at 12
    d.onPause(s(12.5), s(30)); // frozen for 17.5 s: no tick, no heartbeat read
    assertEquals(List.of(), tick(30), "woken: the 18 s silence is mostly this node's own");
    beat("ha3", "eth1", 30.1); // ha3's heartbeats were waiting in the socket
    beat("ha3", "/dev/ttyS0", 30.1);
    assertEquals(List.of(), deaths(tick(33.9)), "ha2: 12 + 17.5 = 29.5 counts as last heard");
    final List<Event> dead = tick(34.6);
    assertTrue(dead.contains(new LinkDead("ha2", "eth1", s(29.5), s(5))), dead.toString());
    assertTrue(dead.stream().anyMatch(e -> e instanceof NodeDead n && n.node().equals("ha2")));
    assertTrue(dead.stream().noneMatch(e -> e.toString().contains("ha3")), dead.toString());
  }

  @Test
  void aPauseNeverMovesALastHeardTimePastTheWakingOrBeforeAHeartbeatHeardSince() {
    steady(12);
    beat("ha2", "eth1", 13.5); // the receive thread ran on while the ticker was late
    d.onPause(s(12.2), s(13));
    tick(13);
    beat("ha2", "/dev/ttyS0", 13.5);
    beat("ha3", "eth1", 13.5);
    beat("ha3", "/dev/ttyS0", 13.5);
    // ha2 eth1 stays at 13.5 (heard after the pause), ha2's serial link was heard at 13.5 too.
    assertEquals(List.of(), deaths(tick(18.4)));
    final List<Event> dead = tick(18.6);
    assertTrue(dead.contains(new LinkDead("ha2", "eth1", s(13.5), s(5))), dead.toString());
  }
}
