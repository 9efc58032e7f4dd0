package io.systole.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.event.Event;
import io.systole.journal.event.LinkDead;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The adaptive detector: learns each link's rhythm, and never declares death before the floor. */
class PhiAccrualDetectorTest {
  private static final long MS = 1000;

  /** keepalive 100ms, warntime 250ms, deadtime 300ms, initdead 1s: tight timings. */
  private static final DetectorTimings T =
      new DetectorTimings(100 * MS, 250 * MS, 300 * MS, 1000 * MS);

  private static FailureDetector phi(final long floorMicros) {
    return Detectors.phi(T, 8.0, floorMicros, List.of("ha2"), List.of("eth1"));
  }

  /** Feeds heartbeats at the given intervals from t=0 and returns when the link was judged dead. */
  private static long deathAfterSilence(final FailureDetector d, final long[] intervals) {
    d.onTick(0);
    long t = 2000 * MS;
    for (final long i : intervals) {
      t += i;
      d.onHeartbeat("ha2", "eth1", t);
    }
    final long last = t;
    for (long now = last; now < last + 60_000 * MS; now += MS) {
      for (final Event e : d.onTick(now)) {
        if (e instanceof LinkDead) {
          return now - last;
        }
      }
    }
    throw new AssertionError("never declared dead");
  }

  private static long[] regular(final int n, final long interval) {
    final long[] a = new long[n];
    java.util.Arrays.fill(a, interval);
    return a;
  }

  private static long[] jittery(final int n, final long mean, final long spread, final long seed) {
    final SplittableRandom r = new SplittableRandom(seed);
    final long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = mean + r.nextLong(-spread, spread + 1);
    }
    return a;
  }

  @Test
  void aRegularLinkDiesSoonAfterTheFloor() {
    final long silence = deathAfterSilence(phi(150 * MS), regular(50, 100 * MS));
    assertTrue(silence >= 150 * MS && silence <= 200 * MS, "dead after " + silence / MS + "ms");
  }

  @Test
  void aJitteryLinkIsGivenMoreTimeThanARegularOne() {
    final long regular = deathAfterSilence(phi(150 * MS), regular(100, 100 * MS));
    final long jitter = deathAfterSilence(phi(150 * MS), jittery(100, 100 * MS, 90 * MS, 42));
    assertTrue(
        jitter > regular + 100 * MS,
        "regular " + regular / MS + "ms, jittery " + jitter / MS + "ms");
    assertTrue(jitter > T.deadtimeMicros(), "under load it waits past a tight deadtime");
  }

  @Test
  void neverBeforeTheFloor() {
    final long silence = deathAfterSilence(phi(700 * MS), regular(50, 100 * MS));
    assertTrue(silence >= 700 * MS && silence < 702 * MS, "dead after " + silence / MS + "ms");
  }

  @Test
  void withTooFewIntervalsItFallsBackToDeadtime() {
    final long silence =
        deathAfterSilence(phi(100 * MS), regular(PhiAccrual.MIN_SAMPLES - 1, 100 * MS));
    assertEquals(T.deadtimeMicros(), silence);
  }

  @Test
  void phiGrowsWithSilence() {
    final PhiAccrual rule = new PhiAccrual(8, 0, 300 * MS, 100 * MS);
    double previous = -1;
    for (long silence = 0; silence <= 400 * MS; silence += 10 * MS) {
      final double phi = rule.phi(100 * MS, 100.0 * MS * 100 * MS / 100, silence);
      assertTrue(phi >= previous, "phi must not fall as silence grows: " + silence);
      previous = phi;
    }
    assertTrue(previous > 8, "phi " + previous);
  }
}
