package io.systole.tools;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import java.util.List;

/**
 * Replays one node's journal, entry by entry, as the node lived it: folds each entry into the
 * node's state and, for the entries a tool shows, says what the entry changed and what the policy
 * derives after it. Entries must come in journal order from the node's first entry, since the state
 * is the fold of all of them.
 *
 * <p>The policy is asked where the node asked it ({@code ClusterLogic}): after each input, and
 * after the last action of each round of actions, not between the actions of one round, where the
 * half-applied round would show decisions the node never considered (a release between a claim and
 * its start, say).
 */
final class NodeReplay {
  /**
   * What one entry did.
   *
   * @param state the node's state after the entry
   * @param changes what the entry changed in the state
   * @param decisions what the policy derives from the state after the entry, in order
   */
  record Step(
      Entry entry, ClusterState state, List<StateDiff.Change> changes, List<Action> decisions) {}

  private ClusterState state;

  /** The actions of the current round not journaled yet: while some are, the node does not ask. */
  private int pending;

  /** The replay of node {@code self}'s journal, before its first entry. */
  NodeReplay(final String self) {
    this.state = ClusterState.initial(self);
  }

  /** Folds {@code entry} and says what it did. */
  Step step(final Entry entry) {
    final ClusterState before = state;
    state = Fold.apply(before, entry);
    return new Step(entry, state, StateDiff.between(before, state), decide(entry));
  }

  /** What the node's policy decides after {@code entry}, or nothing in the middle of a round. */
  private List<Action> decide(final Entry entry) {
    if (pending > 0 && ReplayCheck.isAction(state.self(), entry.event())) {
      pending--;
      if (pending > 0) {
        return List.of();
      }
    }
    final List<Action> decisions = Policy.decide(state);
    pending = decisions.size();
    return decisions;
  }

  /** Folds {@code entry} only: for the entries before those shown. */
  void fold(final Entry entry) {
    state = Fold.apply(state, entry);
    decide(entry);
  }

  /** The state after the last entry folded. */
  ClusterState state() {
    return state;
  }
}
