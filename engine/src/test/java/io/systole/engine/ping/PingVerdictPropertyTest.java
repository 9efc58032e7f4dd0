package io.systole.engine.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random probe rounds (healthy, lossy, flapping and dead phases; ragged and stalled round
 * times; one to three addresses; deadping shorter and longer than the interval) fed to a {@link
 * PingVerdict}. Properties, checked after every round: transitions alternate and never return to
 * UNKNOWN; deadping of silence always makes the group UNREACHABLE, and a REACHABLE group answered
 * within deadping; recovery never completes within deadping of a lost reply, and always completes
 * once every round for deadping answered; the first reply ends UNKNOWN.
 */
class PingVerdictPropertyTest {
  private static final long NEVER = Long.MIN_VALUE;

  static LongStream seeds() {
    return LongStream.range(0, 200).map(i -> 0x9196L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void verdictsFollowTheRules(final long seed) {
    final SplittableRandom r = new SplittableRandom(seed);
    final int addresses = r.nextInt(1, 4);
    final long intervalMs = r.nextLong(100, 1001);
    final long deadpingMs = r.nextLong(intervalMs / 2, intervalMs * 6);
    final long initdeadMs = r.nextBoolean() ? 0 : r.nextLong(deadpingMs, deadpingMs * 4);
    final long startMs = r.nextLong(0, 1L << 40);
    final PingVerdict v =
        new PingVerdict(
            "g", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), deadpingMs, initdeadMs, startMs);
    final String at = "seed " + seed + " (deadping " + deadpingMs + " ms, round ";
    long now = startMs;
    long lastAnswer = NEVER;
    long lastLoss = NEVER;
    long streakStart = NEVER;
    double loss = 0;
    Reachability before = Reachability.UNKNOWN;
    Reachability lastVerdict = Reachability.UNKNOWN;
    for (int round = 0; round < 2000; round++) {
      if (r.nextInt(25) == 0) {
        loss = new double[] {0, 0.05, 0.5, 1}[r.nextInt(4)];
      }
      now += r.nextInt(50) == 0 ? r.nextLong(0, deadpingMs * 3) : r.nextLong(0, intervalMs * 2);
      final int answered = r.nextDouble() < loss ? -1 : r.nextInt(addresses);
      if (answered >= 0) {
        lastAnswer = now;
        streakStart = streakStart == NEVER ? now : streakStart;
      } else {
        lastLoss = now;
        streakStart = NEVER;
      }
      final boolean changed = v.onRound(now, answered);
      final Reachability after = v.reachability();
      final String where = at + round + " at +" + (now - startMs) + " ms)";
      assertEquals(before != after, changed, where + ": the change reported");
      if (changed) {
        assertNotEquals(Reachability.UNKNOWN, after, where + ": back to UNKNOWN");
        assertNotEquals(lastVerdict, after, where + ": the same verdict twice in a row");
        lastVerdict = after;
        assertTrue(!v.detail().isEmpty(), where + ": a transition says why");
      }
      if (answered < 0) {
        final long silence = now - (lastAnswer == NEVER ? startMs : lastAnswer);
        final long limit = lastAnswer == NEVER ? Math.max(deadpingMs, initdeadMs) : deadpingMs;
        if (silence >= limit) {
          assertEquals(Reachability.UNREACHABLE, after, where + ": silent for " + silence + " ms");
        } else {
          assertEquals(before, after, where + ": changed after " + silence + " ms of silence");
        }
      }
      if (after == Reachability.REACHABLE) {
        assertTrue(now - lastAnswer < deadpingMs, where + ": reachable without a recent reply");
      }
      if (before == Reachability.UNREACHABLE && after == Reachability.REACHABLE) {
        assertTrue(
            lastLoss == NEVER || now - lastLoss > deadpingMs,
            where + ": recovered " + (now - lastLoss) + " ms after a lost reply");
        assertTrue(now - streakStart >= deadpingMs, where + ": recovered too soon");
      }
      if (answered >= 0 && before == Reachability.UNREACHABLE) {
        assertEquals(
            now - streakStart >= deadpingMs,
            after == Reachability.REACHABLE,
            where + ": answered steadily for " + (now - streakStart) + " ms");
      }
      if (answered >= 0 && before == Reachability.UNKNOWN) {
        assertEquals(Reachability.REACHABLE, after, where + ": the first reply");
      }
      before = after;
    }
  }
}
