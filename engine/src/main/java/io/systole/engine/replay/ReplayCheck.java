package io.systole.engine.replay;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.Phase;
import java.util.List;

/**
 * Re-derives every decision a node journaled and compares it with what it recorded. A node asks the
 * policy after each input until it has nothing left, so each run of action entries must be exactly
 * what the policy derives, round after round, from the state before it, and after the run the
 * policy must have nothing left. Returns the first difference, with its index.
 */
public final class ReplayCheck {
  private ReplayCheck() {}

  /**
   * A difference between a recorded decision and the derived one.
   *
   * @param index the journal index of the first entry that differs
   * @param message what the node recorded and what replay derives
   */
  public record Mismatch(long index, String message) {}

  /** Whether {@code event}, journaled by {@code self}, records one of the policy's actions. */
  public static boolean isAction(final String self, final Event event) {
    if (event instanceof GroupStart e) {
      return e.phase() == Phase.REQUESTED;
    }
    if (event instanceof GroupStop e) {
      return e.phase() == Phase.REQUESTED;
    }
    if (event instanceof Fence e) {
      return e.phase() == Phase.REQUESTED;
    }
    if (event instanceof PeerClaim e) {
      return e.node().equals(self);
    }
    return event instanceof PeerRelease e && e.node().equals(self);
  }

  /**
   * The first mismatch in {@code entries} (node {@code self}'s journal from its start), or null.
   */
  public static Mismatch check(final String self, final List<Entry> entries) {
    ClusterState s = ClusterState.initial(self);
    int i = 0;
    while (i < entries.size()) {
      final Entry entry = entries.get(i);
      if (!isAction(self, entry.event())) {
        s = Fold.apply(s, entry);
        i++;
        continue;
      }
      while (i < entries.size() && isAction(self, entries.get(i).event())) {
        final List<Action> derived = Policy.decide(s);
        if (derived.isEmpty()) {
          return new Mismatch(
              entries.get(i).index(),
              "the node recorded " + entries.get(i).event() + " but replay derives no action");
        }
        for (final Action a : derived) {
          if (i >= entries.size()) {
            return null; // the node stopped in the middle of a round: nothing recorded differs
          }
          final Entry recorded = entries.get(i);
          if (!a.event(self).equals(recorded.event())) {
            return new Mismatch(
                recorded.index(),
                "the node recorded "
                    + recorded.event()
                    + " but replay derives "
                    + a.event(self)
                    + " ("
                    + a.reason().text()
                    + ")");
          }
          s = Fold.apply(s, recorded);
          i++;
        }
      }
      final List<Action> left = Policy.decide(s);
      if (i < entries.size() && !left.isEmpty()) {
        return new Mismatch(
            entries.get(i - 1).index(),
            "after this entry replay derives "
                + left.get(0).event(self)
                + " ("
                + left.get(0).reason().text()
                + ") but the node recorded nothing");
      }
    }
    return null;
  }
}
