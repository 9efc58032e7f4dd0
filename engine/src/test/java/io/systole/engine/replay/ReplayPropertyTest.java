package io.systole.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.ClusterLogic;
import io.systole.engine.agent.LogicRun;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.engine.state.Seeds;
import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random runs of the logic over a memory journal, inputs only from outside, at random
 * increasing times. Properties: replay equals live (the fold of the journal read back equals the
 * live state, entry by entry and at the end) and {@link ReplayCheck} re-derives every recorded
 * decision; and a decision edited in the journal is found, at its index.
 */
class ReplayPropertyTest {
  @Test
  void replayEqualsLive() {
    final int[] actions = {0};
    Seeds.check(
        0x2E91_0000L,
        1000,
        seed -> {
          final LogicRun run = LogicRun.random(seed, 40, false);
          final List<Entry> entries = run.entries();
          final List<ClusterState> live = run.after();
          assertEquals(live.size(), entries.size(), "entries journaled");
          ClusterState s = ClusterState.initial(run.self());
          for (int i = 0; i < entries.size(); i++) {
            assertEquals(i, entries.get(i).index());
            s = Fold.apply(s, entries.get(i));
            final int at = i;
            final ClusterState replayed = s;
            assertEquals(live.get(i), replayed, () -> "after entry " + entries.get(at));
          }
          assertEquals(run.logic().state(), ClusterLogic.recover(run.journal()));
          final ReplayCheck.Mismatch m = ReplayCheck.check(run.self(), entries);
          assertNull(m, () -> "replay check: " + m);
          actions[0] += run.actions().size();
        });
    assertTrue(actions[0] > 5_000, "only " + actions[0] + " actions in all runs");
  }

  @Test
  void replayCheckFindsATamperedDecisionAtItsIndex() {
    Seeds.check(
        0x2E91_1000L,
        300,
        seed -> {
          final LogicRun run = LogicRun.random(seed, 40, false);
          final List<Entry> entries = run.entries();
          final List<Integer> decisions = new ArrayList<>();
          for (final Entry e : entries) {
            if (ReplayCheck.isAction(run.self(), e.event())) {
              decisions.add((int) e.index());
            }
          }
          if (decisions.isEmpty()) {
            return;
          }
          final int k = decisions.get(new SplittableRandom(seed).nextInt(decisions.size()));
          final List<Entry> tampered = new ArrayList<>(entries);
          final Entry e = entries.get(k);
          tampered.set(k, new Entry(e.index(), e.timeMicros(), e.node(), edited(e.event())));
          final ReplayCheck.Mismatch m = ReplayCheck.check(run.self(), tampered);
          assertNotNull(m, () -> "edit of " + e + " not found");
          assertEquals(k, m.index(), m::message);
        });
  }

  /** {@code action} changed, still an action: another reason, or the opposite announcement. */
  static Event edited(final Event action) {
    if (action instanceof GroupStart e) {
      return new GroupStart(e.group(), e.phase(), e.detail() + " (edited)");
    }
    if (action instanceof GroupStop e) {
      return new GroupStop(e.group(), e.phase(), e.detail() + " (edited)");
    }
    if (action instanceof Fence e) {
      return new Fence(e.target(), e.agent(), e.phase(), e.detail() + " (edited)");
    }
    if (action instanceof PeerClaim e) {
      return new PeerRelease(e.node(), e.group());
    }
    final PeerRelease e = (PeerRelease) action;
    return new PeerClaim(e.node(), e.group(), 1);
  }
}
