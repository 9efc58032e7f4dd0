package io.systole.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.journal.EventGenerator;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random event sequences through the fold. Properties: the fold is total (any event in any
 * state gives a state) and keeps the state's invariants; the policy never throws on a folded state
 * and never asks for an unsafe action; folding a sequence in one go equals folding a prefix, taking
 * the state as a snapshot and folding the rest from the snapshot, at every split.
 */
class FoldPropertyTest {
  private static final List<String> SELVES = List.of("ha1", "ha2", "ha3", "node-3");

  /** The journal's generator: every type, names mostly unknown to any layout. */
  @Test
  void foldIsTotalOnRandomEventsOfEveryType() {
    Seeds.check(
        0xF01D_0000L,
        2500,
        seed -> {
          final EventGenerator gen = new EventGenerator(seed);
          final SplittableRandom r = new SplittableRandom(seed);
          ClusterState s = ClusterState.initial(SELVES.get(r.nextInt(SELVES.size())));
          for (int i = 0; i < 30; i++) {
            final Event e = gen.next();
            s = step(s, gen.time(), e);
          }
        });
  }

  /** Names from the layout, every type and phase: the paths that matter run. */
  @Test
  void foldIsTotalOnRandomEventsWithTheLayoutsNames() {
    Seeds.check(
        0xF01D_1000L,
        2000,
        seed -> {
          final LayoutEvents gen = new LayoutEvents(seed);
          final SplittableRandom r = gen.random();
          ClusterState s = ClusterState.initial(LayoutEvents.NODES.get(r.nextInt(3)));
          long t = Scenario.T0;
          s = step(s, t, new DaemonStarted("test", 1));
          s = step(s, t, gen.config());
          for (int i = 0; i < 50; i++) {
            t += r.nextLong(0, 3_000_000);
            s = step(s, t, r.nextInt(3) == 0 ? gen.any() : gen.input(s));
          }
        });
  }

  /** Folds {@code e}, checks the invariants and the policy's answer, returns the new state. */
  private static ClusterState step(final ClusterState s, final long t, final Event e) {
    final ClusterState next;
    try {
      next = Fold.apply(s, t, e);
    } catch (RuntimeException x) {
      throw new AssertionError("fold threw on " + e + " in " + s, x);
    }
    final Supplier<String> where = () -> "after " + e + " in " + next;
    assertEquals(t, next.timeMicros(), where);
    assertTrue(next.unmatched() >= s.unmatched(), where);
    invariants(next, where);
    final List<Action> actions;
    try {
      actions = Policy.decide(next);
    } catch (RuntimeException x) {
      throw new AssertionError("policy threw on " + next, x);
    }
    safe(next, actions, where);
    return next;
  }

  /** What every state satisfies, whatever was folded. */
  static void invariants(final ClusterState s, final Supplier<String> where) {
    final List<String> nodes = s.nodes().stream().map(NodeState::name).toList();
    assertEquals(s.layout().nodes(), nodes, () -> "nodes are the layout's, " + where.get());
    assertEquals(
        nodes.size(), new HashSet<>(nodes).size(), () -> "node named twice, " + where.get());
    final List<String> groups = s.groups().stream().map(GroupState::name).toList();
    assertEquals(
        groups.size(), new HashSet<>(groups).size(), () -> "group named twice, " + where.get());
    final List<String> configured =
        s.groups().stream().filter(GroupState::configured).map(GroupState::name).toList();
    assertEquals(
        s.layout().groups().stream().map(g -> g.name()).toList(),
        configured,
        () -> "configured groups are the layout's, " + where.get());
    for (final GroupState g : s.groups()) {
      if (!g.configured()) {
        assertTrue(
            g.local().held() || g.claimedBy().contains(s.self()),
            () ->
                "dropped group " + g.name() + " kept though stopped and released, " + where.get());
      }
    }
    final NodeState self = s.node(s.self());
    if (self != null) {
      assertFalse(self.ready(), () -> "own entry ready, " + where.get());
      if (s.daemon() == ClusterState.Daemon.RUNNING) {
        assertEquals(NodeStatus.UP, self.status(), () -> "own status, " + where.get());
      }
    }
  }

  /** What no action may do, in any state. */
  static void safe(final ClusterState s, final List<Action> actions, final Supplier<String> where) {
    final List<String> claimed = new ArrayList<>();
    for (final Action a : actions) {
      assertTrue(
          a.reason() != null && a.reason().rule() != null, () -> "no reason, " + where.get());
      if (a instanceof Action.RequestFence f) {
        assertFalse(f.node().equals(s.self()), () -> "fences itself, " + where.get());
        assertEquals(s.layout().fenceAgent(), f.agent(), where);
      } else if (a instanceof Action.AnnounceClaim c) {
        claimed.add(c.group());
      } else if (a instanceof Action.StartGroup st) {
        final GroupState g = s.group(st.group());
        assertTrue(s.settled(), () -> "starts before settled, " + where.get());
        assertTrue(g.configured(), () -> "starts a dropped group, " + where.get());
        assertEquals(
            GroupStatus.STOPPED, g.local(), () -> "starts a group not stopped, " + where.get());
        for (final String n : g.claimedBy()) {
          assertEquals(
              s.self(), n, () -> "starts " + g.name() + " that " + n + " claims, " + where.get());
        }
        assertTrue(
            claimed.contains(g.name()) || g.claimedBy().contains(s.self()),
            () -> "starts " + g.name() + " without announcing the claim first, " + where.get());
      } else if (a instanceof Action.AnnounceRelease rel) {
        assertEquals(GroupStatus.STOPPED, s.group(rel.group()).local(), where);
      }
    }
  }

  /** A sequence folded in one go equals it folded from a snapshot taken at any split point. */
  @Test
  void foldingFromASnapshotEqualsFoldingInOneGo() {
    Seeds.check(
        0x5_0A95_0000L,
        800,
        seed -> {
          final LayoutEvents layout = new LayoutEvents(seed);
          final EventGenerator other = new EventGenerator(seed);
          final SplittableRandom r = layout.random();
          final int n = 20;
          final List<Event> events = new ArrayList<>(n);
          final long[] times = new long[n];
          long t = Scenario.T0;
          events.add(new DaemonStarted("test", 1));
          events.add(layout.config());
          while (events.size() < n) {
            events.add(r.nextInt(5) == 0 ? other.next() : layout.any());
          }
          for (int i = 0; i < n; i++) {
            t += r.nextLong(0, 2_000_000);
            times[i] = t;
          }
          final String self = LayoutEvents.NODES.get(r.nextInt(3));
          final List<ClusterState> states = new ArrayList<>(n + 1);
          states.add(ClusterState.initial(self));
          for (int i = 0; i < n; i++) {
            states.add(Fold.apply(states.get(i), times[i], events.get(i)));
          }
          final ClusterState whole = states.get(n);
          for (int k = 0; k <= n; k++) {
            final int split = k;
            ClusterState s = Snapshot.copy(states.get(split));
            assertEquals(states.get(split), s, "the snapshot differs from the state");
            for (int i = split; i < n; i++) {
              s = Fold.apply(s, times[i], events.get(i));
            }
            assertEquals(whole, s, () -> "split at " + split + " of " + events);
            assertEquals(whole.hashCode(), s.hashCode(), () -> "split at " + split);
            assertEquals(Policy.decide(whole), Policy.decide(s), () -> "split at " + split);
          }
        });
  }
}
