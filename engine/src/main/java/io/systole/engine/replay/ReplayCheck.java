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
 * policy must have nothing left. Returns the first difference, with its index. The {@link Checker}
 * takes the journal one entry at a time and holds only the state and the current round, so a
 * journal of any length is checked in bounded memory.
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

  /**
   * How a mismatch message writes an event. The engine cannot reach the tools' notation, so the
   * tools pass theirs; the default is the record's own {@code toString}.
   */
  @FunctionalInterface
  public interface EventFormat {
    /** {@code event} in words; {@code atMicros} is the time of the entry it belongs to. */
    String text(Event event, long atMicros);
  }

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
    final Checker checker = new Checker(self, (event, atMicros) -> String.valueOf(event));
    for (final Entry e : entries) {
      if (checker.accept(e) != null) {
        break;
      }
    }
    return checker.finish();
  }

  /**
   * The check fed one entry at a time, in journal order from the node's first entry. Holds the
   * state, the round being matched and the last index: nothing that grows with the journal. Once a
   * mismatch is found it sticks and later entries are ignored.
   */
  public static final class Checker {
    private final String self;
    private final EventFormat format;
    private ClusterState state;

    /** What the policy derived for the current round of action entries, and how far it matched. */
    private List<Action> round = List.of();

    private int matched;

    /** Whether the entries just before were actions: an input then closes their run. */
    private boolean inRun;

    private long lastIndex = -1;
    private long entries;
    private Mismatch mismatch;

    /**
     * A check of node {@code self}'s journal that writes events in mismatches with {@code format}.
     */
    public Checker(final String self, final EventFormat format) {
      this.self = self;
      this.format = format;
      this.state = ClusterState.initial(self);
    }

    /**
     * Takes the next entry.
     *
     * @return the first mismatch, once there is one, or null
     */
    public Mismatch accept(final Entry entry) {
      if (mismatch != null) {
        return mismatch;
      }
      entries++;
      if (isAction(self, entry.event())) {
        mismatch = action(entry);
      } else {
        mismatch = input(entry);
      }
      lastIndex = entry.index();
      return mismatch;
    }

    private Mismatch action(final Entry recorded) {
      if (matched == round.size()) {
        round = Policy.decide(state);
        matched = 0;
        if (round.isEmpty()) {
          return new Mismatch(
              recorded.index(),
              "the node recorded "
                  + text(recorded.event(), recorded)
                  + " but replay derives no"
                  + " action");
        }
      }
      final Action a = round.get(matched);
      final Mismatch m = differs(recorded, a);
      if (m != null) {
        return m;
      }
      state = Fold.apply(state, recorded);
      matched++;
      inRun = true;
      return null;
    }

    private Mismatch input(final Entry entry) {
      if (matched < round.size()) {
        // A round the policy derived is cut short by an input: the node skipped an action.
        return differs(entry, round.get(matched));
      }
      if (inRun) {
        inRun = false;
        final List<Action> left = Policy.decide(state);
        if (!left.isEmpty()) {
          return new Mismatch(
              lastIndex,
              "after this entry replay derives "
                  + text(left.get(0).event(self), entry)
                  + " ("
                  + left.get(0).reason().text()
                  + ") but the node recorded nothing");
        }
      }
      state = Fold.apply(state, entry);
      return null;
    }

    private Mismatch differs(final Entry recorded, final Action derived) {
      final Event event = derived.event(self);
      if (event.equals(recorded.event())) {
        return null;
      }
      return new Mismatch(
          recorded.index(),
          "the node recorded "
              + text(recorded.event(), recorded)
              + " but replay derives "
              + text(event, recorded)
              + " ("
              + derived.reason().text()
              + ")");
    }

    private String text(final Event event, final Entry at) {
      return format.text(event, at.timeMicros());
    }

    /**
     * The result once every entry was given: the first mismatch, or null. A journal that ends in
     * the middle of a round is not a mismatch: the node stopped there, and nothing it recorded
     * differs.
     */
    public Mismatch finish() {
      return mismatch;
    }

    /** How many entries were checked (up to the mismatch, included). */
    public long entries() {
      return entries;
    }

    /** The state after the last entry checked. */
    public ClusterState state() {
      return state;
    }
  }
}
