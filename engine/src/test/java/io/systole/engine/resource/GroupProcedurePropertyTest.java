package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.systole.engine.resource.GroupProcedure.Operation;
import io.systole.engine.resource.GroupProcedure.Step;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Group starts and stops under random outcomes (seeded, so a failure names a seed that reproduces
 * it): every request is answered exactly once, operations follow their requests, a failed start
 * stops exactly what it had started, in reverse, and the group's outcome says what happened.
 */
class GroupProcedurePropertyTest {
  private static final int SEEDS = 5_000;

  /** A resource event reduced to what the properties look at. */
  private record Mark(boolean start, String resource, Phase phase) {}

  @Test
  void startsUnderRandomOutcomes() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      final Random random = new Random(seed);
      final List<String> rs = resources(random);
      final GroupProcedure p = GroupProcedure.start("g", rs);
      final List<Event> events = drive(p, random, seed);
      final String where = "seed " + seed + " " + rs + ": " + events;
      final List<Mark> marks = answeredOnce(events, where);
      final Event last = events.get(events.size() - 1);
      assertTrue(last instanceof GroupStart, where);
      final List<String> started = new ArrayList<>();
      final List<String> undone = new ArrayList<>();
      boolean failed = false;
      boolean undoFailed = false;
      String failedOne = null;
      for (final Mark m : marks) {
        if (m.start()) {
          assertTrue(!failed, "nothing starts after a failed start: " + where);
          if (m.phase() == Phase.SUCCEEDED) {
            started.add(m.resource());
          } else {
            failed = true;
            failedOne = m.resource();
          }
        } else {
          assertTrue(failed, "a start stops nothing unless a resource failed: " + where);
          assertTrue(!undoFailed, "nothing is stopped after a failed undo: " + where);
          undone.add(m.resource());
          undoFailed = m.phase() == Phase.FAILED;
        }
      }
      // Undo stops the one that failed, then what started, right to left.
      final List<String> reversed = new ArrayList<>(started);
      java.util.Collections.reverse(reversed);
      if (failedOne != null) {
        reversed.add(0, failedOne);
      }
      final GroupStart outcome = (GroupStart) last;
      if (!failed) {
        assertEquals(rs, started, where);
        assertEquals(Phase.SUCCEEDED, outcome.phase(), where);
      } else if (undoFailed) {
        assertEquals(reversed.subList(0, undone.size()), undone, "a prefix, in reverse: " + where);
        assertEquals("start failed, undo failed", outcome.detail(), where);
      } else {
        assertEquals(
            reversed, undone, "undo stops the failed one and what started, in reverse: " + where);
        assertEquals(Phase.FAILED, outcome.phase(), where);
      }
    }
  }

  @Test
  void stopsUnderRandomOutcomes() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      final Random random = new Random(seed);
      final List<String> rs = resources(random);
      final List<Event> events = drive(GroupProcedure.stop("g", rs), random, seed);
      final String where = "seed " + seed + " " + rs + ": " + events;
      final List<Mark> marks = answeredOnce(events, where);
      final List<String> reversed = new ArrayList<>(rs);
      java.util.Collections.reverse(reversed);
      final GroupStop outcome = (GroupStop) events.get(events.size() - 1);
      for (int i = 0; i < marks.size(); i++) {
        assertEquals(reversed.get(i), marks.get(i).resource(), "right to left: " + where);
        assertTrue(!marks.get(i).start(), where);
        if (marks.get(i).phase() == Phase.FAILED) {
          assertEquals(i, marks.size() - 1, "a failed stop is the last: " + where);
          assertEquals(Phase.FAILED, outcome.phase(), where);
        }
      }
      if (outcome.phase() == Phase.SUCCEEDED) {
        assertEquals(rs.size(), marks.size(), "every resource stopped: " + where);
      }
    }
  }

  private static List<String> resources(final Random random) {
    final List<String> rs = new ArrayList<>();
    final int n = random.nextInt(7);
    for (int i = 0; i < n; i++) {
      rs.add("r" + i);
    }
    return rs;
  }

  /**
   * Runs {@code p} to its end with random outcomes, checking that each operation concerns the
   * resource whose request is open and that a start is preceded by its status check.
   */
  private static List<Event> drive(final GroupProcedure p, final Random random, final long seed) {
    final List<Event> events = new ArrayList<>();
    Step s = p.first();
    Operation previous = null;
    for (int guard = 0; guard < 100; guard++) {
      events.addAll(s.events());
      if (s.done()) {
        return events;
      }
      final Operation op = s.next();
      assertNotNull(openRequest(events), "seed " + seed + ": an operation without a request");
      assertEquals(
          openRequest(events), p.resources().get(op.resource()), "seed " + seed + ": " + events);
      if (op.verb() == Verb.START) {
        assertEquals(new Operation(op.resource(), Verb.STATUS), previous, "seed " + seed);
      }
      previous = op;
      s = p.next(outcome(random));
    }
    return fail("seed " + seed + ": no end after 100 steps");
  }

  private static ActionResult outcome(final Random random) {
    final int roll = random.nextInt(10);
    if (roll < 5) {
      return ActionResult.success();
    }
    return roll < 8 ? ActionResult.notRunning("") : ActionResult.failure("exit " + roll);
  }

  /** The resource whose request has no outcome yet, or null. */
  private static String openRequest(final List<Event> events) {
    String open = null;
    for (final Event e : events) {
      final Mark m = mark(e);
      if (m != null) {
        open = m.phase() == Phase.REQUESTED ? m.resource() : null;
      }
    }
    return open;
  }

  /**
   * Checks that the events alternate request and outcome for the same resource and kind, with
   * exactly one group outcome at the end; returns the outcomes.
   */
  private static List<Mark> answeredOnce(final List<Event> events, final String where) {
    final List<Mark> outcomes = new ArrayList<>();
    Mark open = null;
    for (int i = 0; i < events.size(); i++) {
      final Mark m = mark(events.get(i));
      if (m == null) {
        assertEquals(events.size() - 1, i, "one group outcome, last: " + where);
        assertTrue(open == null, "no request left open: " + where);
        continue;
      }
      if (m.phase() == Phase.REQUESTED) {
        assertTrue(open == null, "a request before the last was answered: " + where);
        open = m;
      } else {
        assertNotNull(open, "an outcome without a request: " + where);
        assertEquals(open.resource(), m.resource(), where);
        assertEquals(open.start(), m.start(), where);
        outcomes.add(m);
        open = null;
      }
    }
    return outcomes;
  }

  private static Mark mark(final Event e) {
    if (e instanceof ResourceStart s) {
      return new Mark(true, s.resource(), s.phase());
    }
    if (e instanceof ResourceStop s) {
      return new Mark(false, s.resource(), s.phase());
    }
    return null;
  }
}
