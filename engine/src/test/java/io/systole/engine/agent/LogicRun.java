package io.systole.engine.agent;

import io.systole.engine.policy.Action;
import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.LayoutEvents;
import io.systole.engine.state.Scenario;
import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.memory.MemoryJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link ClusterLogic} over a {@link MemoryJournal}, driven by seeded random inputs at random
 * increasing times, that records the live state after every entry it journals (inputs and actions
 * alike) and what every call to {@link ClusterLogic#decide} started from and took.
 */
public final class LogicRun {
  /** What one call to decide started from, how many actions it took, and where it ended. */
  public record Decision(ClusterState before, int taken, ClusterState after) {}

  private final MemoryJournal journal;
  private final ClusterLogic logic;
  private final List<ClusterState> after = new ArrayList<>();
  private final List<Action> actions = new ArrayList<>();
  private final List<Decision> decisions = new ArrayList<>();

  /** A run for node {@code self}, with nothing journaled yet. */
  public LogicRun(final String self) {
    this.journal = new MemoryJournal(self);
    this.logic = new ClusterLogic(journal, this::onAction);
  }

  private void onAction(final Action a) {
    if (journal.lastIndex() != after.size()) {
      throw new AssertionError(a + " carried out before it was journaled");
    }
    after.add(logic.state());
    actions.add(a);
  }

  /**
   * A run of {@code inputs} random inputs from {@code seed}. With {@code anything}, one input in
   * four is any event at all, those that record a policy's action included (a replay of such a
   * journal cannot match; the logic must still settle).
   */
  public static LogicRun random(final long seed, final int inputs, final boolean anything) {
    final LayoutEvents gen = new LayoutEvents(seed);
    final SplittableRandom r = gen.random();
    final LogicRun run = new LogicRun(LayoutEvents.NODES.get(r.nextInt(3)));
    long t = Scenario.T0;
    if (r.nextInt(10) > 0) {
      run.input(t, new DaemonStarted("test", 1 + r.nextInt(1000)));
      run.input(t, gen.config());
      run.decide(t);
    }
    for (int i = 0; i < inputs; i++) {
      t += r.nextLong(1, 3_000_000);
      if (anything && r.nextInt(4) == 0) {
        run.input(t, gen.any());
      } else {
        final Event e = gen.input(run.logic.state());
        if (ReplayCheck.isAction(run.self(), e)) {
          throw new AssertionError("the generator gave an action as input: " + e);
        }
        run.input(t, e);
      }
      if (r.nextInt(4) > 0) { // now and then several inputs before the logic decides
        run.decide(t);
      }
    }
    return run;
  }

  /** Journals and folds {@code event} at {@code timeMicros}, without deciding. */
  public void input(final long timeMicros, final Event event) {
    logic.record(timeMicros, event);
    after.add(logic.state());
  }

  /** Lets the logic decide at {@code timeMicros}. */
  public void decide(final long timeMicros) {
    final ClusterState before = logic.state();
    final int taken = logic.decide(timeMicros);
    decisions.add(new Decision(before, taken, logic.state()));
  }

  /** The node. */
  public String self() {
    return journal.node();
  }

  /** The journal. */
  public MemoryJournal journal() {
    return journal;
  }

  /** The logic. */
  public ClusterLogic logic() {
    return logic;
  }

  /** The live state after each entry, by index. */
  public List<ClusterState> after() {
    return after;
  }

  /** The actions carried out, in order. */
  public List<Action> actions() {
    return actions;
  }

  /** Every call to decide. */
  public List<Decision> decisions() {
    return decisions;
  }

  /** Everything the journal holds, read back. */
  public List<Entry> entries() {
    return entries(journal);
  }

  /** Everything {@code journal} holds, read back. */
  public static List<Entry> entries(final MemoryJournal journal) {
    final List<Entry> out = new ArrayList<>();
    try (JournalReader reader = journal.reader(0)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        out.add(e);
      }
    }
    return out;
  }
}
