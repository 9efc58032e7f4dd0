package io.systole.engine.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict's rules, one example each, on a virtual clock in ms with rounds every second. */
class PingVerdictTest {
  private static final List<String> ROUTERS = List.of("10.0.0.254", "10.0.0.253");
  private static final int NONE = -1;

  private final PingVerdict v = new PingVerdict("routers", ROUTERS, 2000, 0, 0);

  @Test
  void theFirstReplyMakesTheGroupReachableAtOnce() {
    assertFalse(v.onRound(1000, NONE));
    assertEquals(Reachability.UNKNOWN, v.reachability());
    assertTrue(v.onRound(2000 - 1, 1));
    assertEquals(Reachability.REACHABLE, v.reachability());
    assertEquals("10.0.0.253 answered, the first reply since start", v.detail());
  }

  @Test
  void silenceFromStartIsJudgedAfterDeadping() {
    assertFalse(v.onRound(1999, NONE));
    assertTrue(v.onRound(2000, NONE));
    assertEquals(Reachability.UNREACHABLE, v.reachability());
    assertEquals(
        "no reply from 10.0.0.254, 10.0.0.253 for 2 s since start (deadping 2 s)", v.detail());
  }

  @Test
  void initdeadLongerThanDeadpingGivesTheNetworkTimeAfterBoot() {
    final PingVerdict boot = new PingVerdict("gw", List.of("10.0.0.1"), 2000, 30_000, 5000);
    assertFalse(boot.onRound(5000 + 29_999, NONE));
    assertEquals(Reachability.UNKNOWN, boot.reachability());
    assertTrue(boot.onRound(5000 + 30_000, NONE));
    assertEquals("no reply from 10.0.0.1 for 30 s since start (initdead 30 s)", boot.detail());
  }

  @Test
  void aReachableGroupFallsAfterDeadpingOfSilence() {
    v.onRound(1000, 0);
    assertFalse(v.onRound(2000, NONE));
    assertFalse(v.onRound(2999, NONE));
    assertTrue(v.onRound(3050, NONE));
    assertEquals(Reachability.UNREACHABLE, v.reachability());
    assertEquals("no reply from 10.0.0.254, 10.0.0.253 for 2.1 s (deadping 2 s)", v.detail());
  }

  @Test
  void oneAddressAnsweringKeepsTheGroupReachable() {
    v.onRound(1000, 0);
    for (long t = 2000; t < 20_000; t += 1000) {
      assertFalse(v.onRound(t, 1), "at " + t);
    }
    assertEquals(Reachability.REACHABLE, v.reachability());
  }

  @Test
  void recoveryNeedsDeadpingOfRepliesAtEveryProbe() {
    v.onRound(1000, 0);
    v.onRound(3000, NONE); // unreachable: silent for 2 s
    assertFalse(v.onRound(4000, 0)); // 3 s of silence ended: the wait starts
    assertFalse(v.onRound(5000, 0));
    assertTrue(v.onRound(6000, 1));
    assertEquals(Reachability.REACHABLE, v.reachability());
    assertEquals(
        "10.0.0.253 answered after 3 s of silence, then at every probe for 2 s (deadping 2 s)",
        v.detail());
  }

  @Test
  void aLostReplyDuringRecoveryRestartsTheWait() {
    v.onRound(1000, 0);
    v.onRound(3000, NONE);
    v.onRound(4000, 0);
    v.onRound(5000, 0);
    assertFalse(v.onRound(5500, NONE)); // flap
    assertFalse(v.onRound(6000, 0));
    assertFalse(v.onRound(7000, 0));
    assertEquals(Reachability.UNREACHABLE, v.reachability());
    assertTrue(v.onRound(8000, 0));
  }

  @Test
  void aFlappingPathStaysUnreachable() {
    v.onRound(1000, 0);
    v.onRound(3000, NONE);
    for (long t = 4000; t < 60_000; t += 1000) {
      assertFalse(v.onRound(t, t % 2000 == 0 ? 0 : NONE), "at " + t);
    }
    assertEquals(Reachability.UNREACHABLE, v.reachability());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PingVerdict("g", List.of(), 2000, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new PingVerdict("g", List.of("10.0.0.1"), 0, 0, 0));
    v.onRound(1000, NONE);
    assertThrows(IllegalArgumentException.class, () -> v.onRound(999, NONE));
    assertThrows(IndexOutOfBoundsException.class, () -> v.onRound(1000, 2));
  }

  @Test
  void durationsReadLikeAnOperatorWouldSayThem() {
    assertEquals("250 ms", PingVerdict.duration(250));
    assertEquals("2 s", PingVerdict.duration(2000));
    assertEquals("2 s", PingVerdict.duration(2049));
    assertEquals("2.1 s", PingVerdict.duration(2050));
    assertEquals("30 s", PingVerdict.duration(30_000));
  }
}
