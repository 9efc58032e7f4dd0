package io.systole.engine.replay;

import static io.systole.journal.event.Failback.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.LogicRun;
import io.systole.engine.state.Scenario;
import io.systole.journal.Entry;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ReplayCheck on a journal the logic wrote: ha1 starts alone and takes both groups, g1 starts, ha2
 * returns and g2 fails back to it. Every decision re-derives; an edited, extra or missing decision
 * is found at its index.
 */
class ReplayCheckTest {
  /** The journal: inputs at 1 s steps, the logic deciding after each. */
  static List<Entry> journal() {
    final LogicRun run = new LogicRun("ha1");
    final List<Event> inputs =
        List.of(
            new DaemonStarted("test", 1),
            Scenario.layout(ON, "", "ha1", "ha2"),
            new NodeDead("ha2", 5_000_000, true, 0, List.of()),
            new GroupStart("g1", Phase.SUCCEEDED, "ok"),
            new GroupStart("g2", Phase.SUCCEEDED, "ok"),
            new NodeUp("ha2", "eth0"),
            new PeerStatus("ha2", true, List.of(), List.of(), List.of()),
            new GroupStop("g2", Phase.SUCCEEDED, "ok"));
    long t = Scenario.T0;
    for (final Event e : inputs) {
      run.input(t, e);
      run.decide(t);
      t += Scenario.STEP;
    }
    return run.entries();
  }

  private static int indexOf(final List<Entry> entries, final Event event) {
    for (final Entry e : entries) {
      if (e.event().equals(event)) {
        return (int) e.index();
      }
    }
    throw new AssertionError(event + " not in the journal");
  }

  private static List<Entry> with(final List<Entry> entries, final int i, final Event event) {
    final List<Entry> copy = new ArrayList<>(entries);
    final Entry e = entries.get(i);
    copy.set(i, new Entry(e.index(), e.timeMicros(), e.node(), event));
    return copy;
  }

  @Test
  void journalTheLogicWroteReplaysWithoutMismatch() {
    final List<Entry> entries = journal();
    assertNull(ReplayCheck.check("ha1", entries));
    final List<String> kinds = new ArrayList<>();
    for (final Entry e : entries) {
      if (ReplayCheck.isAction("ha1", e.event())) {
        kinds.add(e.event().getClass().getSimpleName());
      }
    }
    assertEquals(
        List.of("PeerClaim", "GroupStart", "PeerClaim", "GroupStart", "GroupStop", "PeerRelease"),
        kinds);
  }

  @Test
  void editedDecisionIsFoundAtItsIndex() {
    final List<Entry> entries = journal();
    final int stop = indexOf(entries, new PeerRelease("ha1", "g2")) - 2; // the failback's stop
    assertTrue(entries.get(stop).event() instanceof GroupStop);
    final GroupStop recorded = (GroupStop) entries.get(stop).event();
    assertTrue(recorded.detail().startsWith("stop-failback: "), recorded.detail());
    final ReplayCheck.Mismatch m =
        ReplayCheck.check(
            "ha1",
            with(entries, stop, new GroupStop("g2", Phase.REQUESTED, "stop-yield: made up")));
    assertNotNull(m);
    assertEquals(stop, m.index());
    assertTrue(m.message().contains("stop-failback"), m.message());
  }

  @Test
  void decisionReplayDoesNotDeriveIsFound() {
    final List<Entry> entries = journal();
    final int release = indexOf(entries, new PeerRelease("ha1", "g2"));
    final List<Entry> extra = new ArrayList<>(entries);
    final Entry last = entries.get(entries.size() - 1);
    extra.add(new Entry(last.index() + 1, last.timeMicros(), "ha1", new PeerRelease("ha1", "g1")));
    final ReplayCheck.Mismatch m = ReplayCheck.check("ha1", extra);
    assertNotNull(m);
    assertEquals(last.index() + 1, m.index());
    assertTrue(release < m.index());
  }

  @Test
  void missingDecisionIsFound() {
    final List<Entry> entries = journal();
    final int start = indexOf(entries, new PeerClaim("ha1", "g2", 1)) + 1;
    final List<Entry> cut = new ArrayList<>(entries);
    cut.remove(start); // the start of g2 never journaled, the next input follows the claim
    final ReplayCheck.Mismatch m = ReplayCheck.check("ha1", cut);
    assertNotNull(m);
    assertEquals(entries.get(start + 1).index(), m.index());
  }

  @Test
  void journalEndingInTheMiddleOfARoundReplays() {
    final List<Entry> entries = journal();
    final int claim = indexOf(entries, new PeerClaim("ha1", "g1", 1));
    assertNull(ReplayCheck.check("ha1", entries.subList(0, claim + 1)));
  }

  @Test
  void isActionTellsThisNodesDecisionsFromInputs() {
    assertTrue(ReplayCheck.isAction("ha1", new GroupStart("g1", Phase.REQUESTED, "")));
    assertTrue(ReplayCheck.isAction("ha1", new GroupStop("g1", Phase.REQUESTED, "")));
    assertTrue(ReplayCheck.isAction("ha1", new Fence("ha2", "a", Phase.REQUESTED, "")));
    assertTrue(ReplayCheck.isAction("ha1", new PeerClaim("ha1", "g1", 1)));
    assertTrue(ReplayCheck.isAction("ha1", new PeerRelease("ha1", "g1")));
    assertFalse(ReplayCheck.isAction("ha1", new GroupStart("g1", Phase.SUCCEEDED, "")));
    assertFalse(ReplayCheck.isAction("ha1", new GroupStop("g1", Phase.FAILED, "")));
    assertFalse(ReplayCheck.isAction("ha1", new Fence("ha2", "a", Phase.SUCCEEDED, "")));
    assertFalse(ReplayCheck.isAction("ha1", new PeerClaim("ha2", "g1", 1)));
    assertFalse(ReplayCheck.isAction("ha1", new PeerRelease("ha2", "g1")));
    assertFalse(ReplayCheck.isAction("ha1", new NodeUp("ha2", "eth0")));
  }
}
