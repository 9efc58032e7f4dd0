package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.policy.Policy;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Seeds;
import io.systole.journal.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random runs of the logic. Property: the policy settles. From every state the logic
 * reaches, whatever was journaled before, {@link ClusterLogic#decide} ends with a small number of
 * actions (at most one fence per node and three actions per group: a release, a claim and a start)
 * and leaves the policy with nothing to ask.
 */
class ClusterLogicPropertyTest {
  @Test
  void policySettlesWithFewActionsInEveryStateReached() {
    final int[] most = {0};
    Seeds.check(
        0x5E77_0000L,
        1000,
        seed -> {
          final LogicRun run = LogicRun.random(seed, 40, true);
          for (final LogicRun.Decision d : run.decisions()) {
            final ClusterState s = d.before();
            final int bound = s.nodes().size() + 3 * s.groups().size();
            assertTrue(d.taken() <= bound, () -> d.taken() + " actions > " + bound + " from " + s);
            assertEquals(List.of(), Policy.decide(d.after()), () -> "left over in " + d.after());
            most[0] = Math.max(most[0], d.taken());
          }
        });
    assertTrue(most[0] >= 4, "no run took more than " + most[0] + " actions at once");
  }

  @Test
  void everyActionIsJournaledAndFoldedBeforeItIsCarriedOut() {
    Seeds.check(
        0x5E77_1000L,
        300,
        seed -> {
          final LogicRun run = LogicRun.random(seed, 40, false);
          // LogicRun checks the journal's index when an action is handed out; here, its entry.
          int a = 0;
          for (final Entry e : run.entries()) {
            if (a < run.actions().size()
                && e.event().equals(run.actions().get(a).event(run.self()))) {
              a++;
            }
          }
          assertEquals(run.actions().size(), a, "actions missing from the journal");
        });
  }
}
