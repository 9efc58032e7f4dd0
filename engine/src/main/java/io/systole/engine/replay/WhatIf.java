package io.systole.engine.replay;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Re-folds a node's journal under another configuration and finds the rounds where the decisions
 * would have differed. The inputs (heartbeats, peers' claims, outcomes of actions) are folded as
 * recorded, every {@link ConfigLoaded} is replaced by {@code config}, and the node's own action
 * entries are replaced by what the policy derives from that state, asked as the node asks it: after
 * each input until it has nothing left.
 *
 * <p>A round is the inputs the node journaled at one instant (one batch, as the logic takes them)
 * and the actions it recorded after them. Rounds are compared target by target: a group, or a node
 * to fence; a decision is its event without the reason text a request carries. The outcome of an
 * action that never happened under {@code config} cannot be known and is not invented, so once a
 * target's decisions differ the what-if stops following it: its later decisions are not compared
 * ({@link #unfollowed()}), since they rest on outcomes that would not have been what the journal
 * holds. Fed one entry at a time; holds the two states and one round.
 */
public final class WhatIf {
  /**
   * One decision: the action entry's event, with the policy's action when it is known (a recorded
   * entry that the journal's own configuration does not re-derive has none).
   */
  public record Decision(Event event, Action action) {
    /** The group or node the decision is about. */
    public String target() {
      return WhatIf.targetOf(event);
    }
  }

  /**
   * A round whose decisions differ.
   *
   * @param input the last input entry of the round, after which the node decided
   * @param recorded the node's recorded decisions about the targets that differ
   * @param derived what {@code config} derives about them instead
   * @param dropped the targets no longer followed from this round on
   */
  public record Round(
      Entry input, List<Decision> recorded, List<Decision> derived, List<String> dropped) {}

  private final String self;
  private final ConfigLoaded config;
  private ClusterState recordedState;
  private ClusterState whatIfState;
  private final Set<String> unfollowed = new LinkedHashSet<>();

  /** The last input entry of the open round, or null before the first input. */
  private Entry input;

  private final List<Decision> recorded = new ArrayList<>();

  /** The journal's own derivation of the current recorded round, for its reasons. */
  private List<Action> reasons = List.of();

  private int reasoned;
  private long rounds;
  private long differing;
  private Round first;

  /** A what-if of node {@code self}'s journal under {@code config}. */
  public WhatIf(final String self, final ConfigLoaded config) {
    this.self = self;
    this.config = config;
    this.recordedState = ClusterState.initial(self);
    this.whatIfState = recordedState;
  }

  /**
   * Takes the next entry.
   *
   * @return the round this entry closed, if its decisions differ; otherwise null
   */
  public Round accept(final Entry entry) {
    if (ReplayCheck.isAction(self, entry.event())) {
      recorded.add(new Decision(entry.event(), reason(entry)));
      recordedState = Fold.apply(recordedState, entry);
      return null;
    }
    final Round closed =
        input != null && (!recorded.isEmpty() || input.timeMicros() != entry.timeMicros())
            ? close()
            : null;
    if (input == null) {
      // Actions before the first input (a journal cut by retention) answer nothing we hold.
      recorded.clear();
    }
    recordedState = Fold.apply(recordedState, entry);
    final Event event = entry.event() instanceof ConfigLoaded ? config : entry.event();
    whatIfState = Fold.apply(whatIfState, entry.timeMicros(), event);
    input = entry;
    return closed;
  }

  /** Closes the last round. */
  public Round finish() {
    return input == null ? null : close();
  }

  /** The recorded action in {@code entry} with the reason the journal's own policy gives it. */
  private Action reason(final Entry entry) {
    if (reasoned == reasons.size()) {
      reasons = Policy.decide(recordedState);
      reasoned = 0;
    }
    if (reasoned < reasons.size() && reasons.get(reasoned).event(self).equals(entry.event())) {
      return reasons.get(reasoned++);
    }
    reasons = List.of();
    reasoned = 0;
    return null;
  }

  private Round close() {
    final List<Decision> derived = settle(input.timeMicros());
    rounds++;
    final Set<String> targets = new LinkedHashSet<>();
    recorded.forEach(d -> targets.add(d.target()));
    derived.forEach(d -> targets.add(d.target()));
    final List<String> differ = new ArrayList<>();
    for (final String t : targets) {
      if (!unfollowed.contains(t) && !events(recorded, t).equals(events(derived, t))) {
        differ.add(t);
      }
    }
    Round round = null;
    if (!differ.isEmpty()) {
      round = new Round(input, about(recorded, differ), about(derived, differ), differ);
      unfollowed.addAll(differ);
      differing++;
      first = Objects.requireNonNullElse(first, round);
    }
    recorded.clear();
    reasons = List.of();
    reasoned = 0;
    return round;
  }

  /** Asks the policy until it has nothing left, folding each action into the what-if state. */
  private List<Decision> settle(final long timeMicros) {
    final List<Decision> derived = new ArrayList<>();
    for (List<Action> next = Policy.decide(whatIfState);
        !next.isEmpty();
        next = Policy.decide(whatIfState)) {
      for (final Action a : next) {
        final Event event = a.event(self);
        whatIfState = Fold.apply(whatIfState, timeMicros, event);
        derived.add(new Decision(event, a));
      }
      if (derived.size() > 10_000) {
        throw new IllegalStateException(
            "the policy did not settle after " + derived.size() + " actions; last " + next);
      }
    }
    return derived;
  }

  private static List<Event> events(final List<Decision> decisions, final String target) {
    return decisions.stream()
        .filter(d -> d.target().equals(target))
        .map(d -> withoutReason(d.event()))
        .toList();
  }

  /**
   * The decision without its reason text, which a request's detail carries: the same start under
   * another configuration says so ("auto_failback off") and is still the same decision.
   */
  private static Event withoutReason(final Event event) {
    if (event instanceof GroupStart e) {
      return new GroupStart(e.group(), e.phase(), "");
    }
    if (event instanceof GroupStop e) {
      return new GroupStop(e.group(), e.phase(), "");
    }
    if (event instanceof Fence e) {
      return new Fence(e.target(), e.agent(), e.phase(), "");
    }
    return event;
  }

  private static List<Decision> about(final List<Decision> decisions, final List<String> targets) {
    return decisions.stream().filter(d -> targets.contains(d.target())).toList();
  }

  /**
   * The group an action entry is about, or "fence NODE" for a fencing request: what is followed.
   */
  public static String targetOf(final Event event) {
    if (event instanceof GroupStart e) {
      return e.group();
    }
    if (event instanceof GroupStop e) {
      return e.group();
    }
    if (event instanceof PeerClaim e) {
      return e.group();
    }
    if (event instanceof PeerRelease e) {
      return e.group();
    }
    return "fence " + ((Fence) event).target();
  }

  /** How many rounds were compared. */
  public long rounds() {
    return rounds;
  }

  /** How many rounds differ. */
  public long differing() {
    return differing;
  }

  /** The first round that differs, or null. */
  public Round first() {
    return first;
  }

  /** The targets no longer followed, in the order their decisions first differed. */
  public List<String> unfollowed() {
    return List.copyOf(unfollowed);
  }
}
