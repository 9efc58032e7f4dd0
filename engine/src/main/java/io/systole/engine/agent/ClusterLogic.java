package io.systole.engine.agent;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalReader;
import io.systole.journal.event.Event;
import io.systole.journal.sign.CheckpointSigner;
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
  private CheckpointSigner signer;
  private int checkpointEvery;
  private long lastIndex = Journal.NONE;
  private int sinceCheckpoint;

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

  /**
   * Signs the journal with {@code checkpoints} after every {@code every} entries and after the
   * daemon's stop. Checkpoints go in only between rounds of decisions, never inside one, so that a
   * replay sees each round whole.
   */
  public void signWith(final CheckpointSigner checkpoints, final int every) {
    if (every < 1) {
      throw new IllegalArgumentException("a checkpoint every " + every + " entries");
    }
    this.signer = checkpoints;
    this.checkpointEvery = every;
  }

  /** Journals and folds a transition that happened at {@code timeMicros}. */
  public void record(final long timeMicros, final Event event) {
    final long index = journal.append(timeMicros, event);
    lastIndex = index;
    sinceCheckpoint++;
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
    if (signer != null
        && (sinceCheckpoint >= checkpointEvery
            || (sinceCheckpoint > 0 && state.daemon() == ClusterState.Daemon.STOPPED))) {
      record(timeMicros, signer.sign(lastIndex, journal.headDigest()));
      sinceCheckpoint = 0;
    }
    return taken;
  }
}
