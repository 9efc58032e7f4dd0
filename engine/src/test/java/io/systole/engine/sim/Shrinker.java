package io.systole.engine.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing scenario to fewer steps that still fail: drops halves, then single steps, for
 * as long as the run still violates an invariant. The network's randomness is the seed's, so every
 * candidate is itself deterministic.
 */
final class Shrinker {
  private static final int MAX_RUNS = 400;

  private Shrinker() {}

  static Scenario shrink(final Scenario failing) {
    Scenario best = failing;
    int runs = 0;
    boolean progress = true;
    while (progress && runs < MAX_RUNS) {
      progress = false;
      final int n = best.steps().size();
      for (int chunk = Math.max(1, n / 2); chunk >= 1 && !progress; chunk /= 2) {
        for (int start = 0; start + chunk <= best.steps().size() && runs < MAX_RUNS; ) {
          final List<Step> fewer = new ArrayList<>(best.steps());
          fewer.subList(start, start + chunk).clear();
          final Scenario candidate = best.withSteps(fewer);
          runs++;
          if (new Simulation(candidate).run().violation() != null) {
            best = candidate;
            progress = true;
          } else {
            start += chunk;
          }
        }
      }
    }
    return best;
  }
}
