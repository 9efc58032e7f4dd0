package io.systole.engine.agent;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalReader;
import io.systole.journal.event.Event;
import java.util.List;
import java.util.function.Consumer;

/**
 * The single writer of one node's journal and state. Every transition is appended to the journal
 * first and then folded, so the state is always the fold of the journal; after each input the
 * policy is asked until it has nothing left, and each action is journaled, folded and only then
 * handed to {@code actions} to be carried out. Not thread-safe by design: one thread owns it.
 */
public final class ClusterLogic {
  private final Journal journal;
  private final Consumer<Action> actions;
  private Consumer<Entry> recorded = e -> {};
  private ClusterState state;

  /**
   * Logic for the node that owns {@code journal}, starting from the fold of what the journal holds.
   *
   * @param actions carries out each action once it is journaled; it must not call back into this
   */
  public ClusterLogic(final Journal journal, final Consumer<Action> actions) {
    this.journal = journal;
    this.actions = actions;
    this.state = recover(journal);
  }

  /** The fold of everything {@code journal} holds, from the start. */
  public static ClusterState recover(final Journal journal) {
    ClusterState s = ClusterState.initial(journal.node());
    try (JournalReader reader = journal.reader(journal.firstIndex())) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        s = Fold.apply(s, e);
      }
    }
    return s;
  }

  /** The state now. */
  public ClusterState state() {
    return state;
  }

  /** Hands every entry this logic journals to {@code listener} (for logs and status). */
  public void onRecorded(final Consumer<Entry> listener) {
    this.recorded = listener;
  }

  /** Journals and folds a transition that happened at {@code timeMicros}. */
  public void record(final long timeMicros, final Event event) {
    final long index = journal.append(timeMicros, event);
    state = Fold.apply(state, timeMicros, event);
    recorded.accept(new Entry(index, timeMicros, state.self(), event));
  }

  /** Journals and folds each of {@code events}, then decides. */
  public void accept(final long timeMicros, final List<? extends Event> events) {
    for (final Event e : events) {
      record(timeMicros, e);
    }
    decide(timeMicros);
  }

  /**
   * Asks the policy until it has nothing left, journaling, folding and handing out each action.
   *
   * @return how many actions were taken
   */
  public int decide(final long timeMicros) {
    int taken = 0;
    for (List<Action> next = Policy.decide(state); !next.isEmpty(); next = Policy.decide(state)) {
      for (final Action a : next) {
        record(timeMicros, a.event(state.self()));
        actions.accept(a);
        taken++;
      }
      if (taken > 10_000) {
        throw new IllegalStateException(
            "the policy did not settle after " + taken + " actions; last " + next);
      }
    }
    return taken;
  }
}
