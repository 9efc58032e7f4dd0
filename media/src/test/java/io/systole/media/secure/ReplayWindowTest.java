package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window against a model that remembers everything (a set of accepted pairs and the highest
 * sequence), on seeded random reorderings and duplications; the seed is reported and in every
 * failure message, rerun with {@code -Dseed=N}.
 */
class ReplayWindowTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());

  @Test
  void basics() {
    final ReplayWindow w = new ReplayWindow(64);
    assertEquals(Verdict.ACCEPTED, w.check(5, 10));
    w.accept(5, 10);
    assertEquals(Verdict.DUPLICATE, w.check(5, 10));
    assertEquals(Verdict.BEHIND_WINDOW, w.check(5, 9), "below the first one heard");
    assertEquals(Verdict.ACCEPTED, w.check(5, 11));
    w.accept(5, 12);
    assertEquals(Verdict.ACCEPTED, w.check(5, 11), "late, but above the floor");
    assertEquals(Verdict.OLD_GENERATION, w.check(4, 11));
    w.accept(5, 100);
    assertEquals(Verdict.BEHIND_WINDOW, w.check(5, 36));
    assertEquals(Verdict.ACCEPTED, w.check(5, 37));
    assertEquals(Verdict.ACCEPTED, w.check(6, 1));
    w.accept(6, 3);
    assertEquals(Verdict.OLD_GENERATION, w.check(5, 101));
    assertEquals(6, w.generation());
    assertEquals(3, w.highest());
    assertEquals(0, w.floor(), "no floor after a restart of the sender");
    assertEquals(Verdict.ACCEPTED, w.check(6, 1), "its first envelopes may come out of order");
  }

  @Test
  void checkChangesNothing() {
    final ReplayWindow w = new ReplayWindow(64);
    w.accept(5, 10);
    for (int i = 0; i < 3; i++) {
      assertEquals(Verdict.ACCEPTED, w.check(5, 11));
      assertEquals(Verdict.ACCEPTED, w.check(7, 1));
    }
    assertEquals(5, w.generation());
    assertEquals(10, w.highest());
  }

  @Test
  void sizesAreChecked() {
    for (final int bad : new int[] {0, 32, 100, 65537 * 2, -64}) {
      assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(bad));
    }
  }

  @Test
  void hugeJumpsClearTheWholeRing() {
    final ReplayWindow w = new ReplayWindow(64);
    for (long s = 1; s <= 64; s++) {
      w.accept(1, s);
    }
    w.accept(1, 64 + 10_000_000_000L);
    for (long s = 64 + 10_000_000_000L - 63; s < 64 + 10_000_000_000L; s++) {
      assertEquals(Verdict.ACCEPTED, w.check(1, s), "sequence " + s);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 128, 1024})
  void matchesTheModelOnRandomReorderings(final int size, final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED + size);
    for (int round = 0; round < 200; round++) {
      final String where = "seed " + SEED + ", size " + size + ", round " + round;
      final ReplayWindow w = new ReplayWindow(size);
      final Model m = new Model(size);
      for (final long[] pair : schedule(r, size)) {
        final Verdict expected = m.verdict(pair[0], pair[1]);
        final Verdict got = w.check(pair[0], pair[1]);
        assertEquals(expected, got, where + ", pair " + pair[0] + "/" + pair[1]);
        if (got == Verdict.ACCEPTED) {
          w.accept(pair[0], pair[1]);
          m.accept(pair[0], pair[1]);
        }
        assertEquals(m.highest, w.highest(), where);
      }
    }
  }

  @RepeatedTest(5)
  void everyMessageWithinTheWindowIsAcceptedExactlyOnce(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED * 31 + 7);
    final int size = 1024;
    final ReplayWindow w = new ReplayWindow(size);
    // a stream of 20,000, shuffled within blocks smaller than the window, each sent 1 to 3 times
    final List<Long> arrivals = new ArrayList<>();
    for (long block = 0; block < 20_000; block += 500) {
      final List<Long> b = new ArrayList<>();
      for (long s = block + 1; s <= block + 500; s++) {
        for (int copies = 1 + r.nextInt(3); copies > 0; copies--) {
          b.add(s);
        }
      }
      Collections.shuffle(b, r);
      arrivals.addAll(b);
    }
    // first contact: the stream's first envelope (a later one would set a higher floor)
    arrivals.add(0, 1L);
    final Set<Long> accepted = new HashSet<>();
    for (final long s : arrivals) {
      final Verdict v = w.check(1, s);
      if (v == Verdict.ACCEPTED) {
        w.accept(1, s);
        assertEquals(true, accepted.add(s), "seed " + SEED + ": " + s + " accepted twice");
      } else {
        assertEquals(Verdict.DUPLICATE, v, "seed " + SEED + ": " + s);
      }
    }
    assertEquals(20_000, accepted.size(), "seed " + SEED + ": nothing lost");
  }

  /** Mostly one generation, a few restarts and stale ones; sequences near the top, some far. */
  private static List<long[]> schedule(final Random r, final int size) {
    final List<long[]> out = new ArrayList<>();
    long gen = 1 + r.nextInt(3);
    long top = 1;
    for (int i = 0; i < 400; i++) {
      final int kind = r.nextInt(100);
      if (kind < 2) {
        gen++;
        top = 1 + r.nextInt(5);
      } else if (kind < 4) {
        out.add(new long[] {Math.max(1, gen - 1 - r.nextInt(2)), 1 + r.nextInt(1000)});
        continue;
      }
      final long seq;
      if (kind < 60) {
        top += 1 + r.nextInt(3);
        seq = top;
      } else if (kind < 95) {
        seq = Math.max(1, top - r.nextInt(size + size / 2));
      } else {
        top += r.nextInt(5 * size);
        seq = top;
      }
      out.add(new long[] {gen, seq});
    }
    return out;
  }

  /** Remembers every accepted pair; the window size only decides what counts as too old. */
  private static final class Model {
    final int size;
    final Set<Long> seen = new HashSet<>();
    long generation;
    long highest;
    long floor;

    Model(final int size) {
      this.size = size;
    }

    Verdict verdict(final long gen, final long seq) {
      if (generation == 0 || gen > generation) {
        return Verdict.ACCEPTED;
      }
      if (gen < generation) {
        return Verdict.OLD_GENERATION;
      }
      if (seq > highest) {
        return Verdict.ACCEPTED;
      }
      if (highest - seq >= size || seq < floor) {
        return Verdict.BEHIND_WINDOW;
      }
      return seen.contains(seq) ? Verdict.DUPLICATE : Verdict.ACCEPTED;
    }

    void accept(final long gen, final long seq) {
      if (generation == 0 || gen > generation) {
        floor = generation == 0 ? seq : 0;
        generation = gen;
        highest = seq;
        seen.clear();
      }
      highest = Math.max(highest, seq);
      seen.add(seq);
    }
  }
}
