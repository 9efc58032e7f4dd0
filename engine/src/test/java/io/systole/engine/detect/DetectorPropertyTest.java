package io.systole.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.systole.journal.event.Event;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random schedules of heartbeats, losses, link cuts and node silences, fed to both
 * detectors. Properties: the detector is a pure function of its inputs (two instances agree);
 * transitions alternate (up, then dead, then up) per node and per link; a node dies only when none
 * of its links is up, and never before initdead; a link dies only after the rule's silence.
 */
class DetectorPropertyTest {
  private static final long MS = 1000;
  private static final DetectorTimings T =
      new DetectorTimings(100 * MS, 200 * MS, 500 * MS, 2000 * MS);
  private static final List<String> PEERS = List.of("ha2", "ha3", "ha4");
  private static final List<String> LINKS = List.of("eth1", "eth2");

  static LongStream seeds() {
    return LongStream.range(0, 60).map(i -> 0xDE7EC7L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void heartbeatDetector(final long seed) {
    check(seed, () -> Detectors.heartbeat(T, PEERS, LINKS));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void phiDetector(final long seed) {
    check(seed, () -> Detectors.phi(T, 8, 300 * MS, PEERS, LINKS));
  }

  private static void check(final long seed, final Supplier<FailureDetector> make) {
    final FailureDetector a = make.get();
    final FailureDetector b = make.get();
    final SplittableRandom r = new SplittableRandom(seed);
    final Map<String, Boolean> nodeUp = new HashMap<>();
    final Map<String, Boolean> linkUp = new HashMap<>();
    final Map<String, Long> lastHeard = new HashMap<>();
    final Map<String, Integer> cutUntil = new HashMap<>();
    final List<Event> all = new ArrayList<>();
    final long start = 1_000_000 * MS;
    a.onTick(start);
    b.onTick(start);
    for (int step = 0; step < 600; step++) {
      final long now = start + step * 50 * MS;
      for (final String node : PEERS) {
        if (r.nextInt(40) == 0) {
          cutUntil.put(node, step + r.nextInt(5, 40));
        }
        for (final String link : LINKS) {
          final boolean silenced =
              cutUntil.getOrDefault(node, -1) > step || r.nextInt(60) == 0 && link.equals("eth2");
          if (!silenced && step % 2 == 0 && r.nextInt(10) > 0) {
            final long at = now + r.nextLong(0, 30 * MS);
            lastHeard.put(node + "/" + link, at);
            final List<Event> ea = a.onHeartbeat(node, link, at);
            assertEquals(ea, b.onHeartbeat(node, link, at), "seed " + seed + ": not pure");
            all.addAll(ea);
            apply(seed, ea, nodeUp, linkUp, lastHeard, at, start);
          }
        }
      }
      final List<Event> ta = a.onTick(now + 40 * MS);
      assertEquals(ta, b.onTick(now + 40 * MS), "seed " + seed + ": not pure");
      all.addAll(ta);
      apply(seed, ta, nodeUp, linkUp, lastHeard, now + 40 * MS, start);
    }
    assertTrue(
        all.stream().anyMatch(e -> e instanceof NodeDead), "seed " + seed + " never killed a node");
    assertTrue(all.stream().anyMatch(e -> e instanceof NodeUp), "seed " + seed);
  }

  private static void apply(
      final long seed,
      final List<Event> events,
      final Map<String, Boolean> nodeUp,
      final Map<String, Boolean> linkUp,
      final Map<String, Long> lastHeard,
      final long now,
      final long start) {
    for (final Event e : events) {
      if (e instanceof NodeUp u) {
        expectFlip(seed, nodeUp, u.node(), true, e);
      } else if (e instanceof NodeDead d) {
        expectFlip(seed, nodeUp, d.node(), false, e);
        assertTrue(
            now - start >= T.initdeadMicros(), "seed " + seed + ": dead before initdead: " + e);
        for (final String link : LINKS) {
          if (Boolean.TRUE.equals(linkUp.get(d.node() + "/" + link))) {
            fail("seed " + seed + ": " + d.node() + " dead while " + link + " is up");
          }
        }
      } else if (e instanceof LinkUp u) {
        expectFlip(seed, linkUp, u.node() + "/" + u.link(), true, e);
      } else if (e instanceof LinkDead d) {
        expectFlip(seed, linkUp, d.node() + "/" + d.link(), false, e);
        final long silence = now - lastHeard.get(d.node() + "/" + d.link());
        assertTrue(
            silence >= 300 * MS, "seed " + seed + ": died after only " + silence + "µs: " + e);
      } else if (!(e instanceof NodeWarn)) {
        fail("seed " + seed + ": the detector emitted " + e);
      }
    }
  }

  private static void expectFlip(
      final long seed,
      final Map<String, Boolean> state,
      final String key,
      final boolean up,
      final Event e) {
    final Boolean was = state.put(key, up);
    assertTrue(
        was == null || was != up, "seed " + seed + ": " + e + " repeats the state of " + key);
  }
}
