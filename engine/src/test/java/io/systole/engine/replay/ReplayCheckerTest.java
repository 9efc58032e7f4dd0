package io.systole.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link ReplayCheck.Checker} finds what the list form finds, at the same index, on
 * every prefix of {@link ReplayCheckTest}'s journal and on every single-entry edit of it, and
 * writes the events of its messages in the notation it is given.
 */
class ReplayCheckerTest {
  private static ReplayCheck.Mismatch streamed(final List<Entry> entries) {
    final ReplayCheck.Checker checker = new ReplayCheck.Checker("ha1", (e, at) -> e.toString());
    entries.forEach(checker::accept);
    return checker.finish();
  }

  @Test
  void everyPrefixAndEveryEditGivesTheListFormsResult() {
    final List<Entry> entries = ReplayCheckTest.journal();
    int mismatches = 0;
    for (int n = 0; n <= entries.size(); n++) {
      assertEquals(
          ReplayCheck.check("ha1", entries.subList(0, n)), streamed(entries.subList(0, n)));
    }
    for (int i = 0; i < entries.size(); i++) {
      final List<Entry> edited = new ArrayList<>(entries);
      final Entry e = entries.get(i);
      edited.set(
          i,
          new Entry(e.index(), e.timeMicros(), "ha1", new GroupStop("g1", Phase.REQUESTED, "x")));
      final ReplayCheck.Mismatch m = streamed(edited);
      assertEquals(ReplayCheck.check("ha1", edited), m);
      mismatches += m == null ? 0 : 1;
      final List<Entry> removed = new ArrayList<>(entries);
      removed.remove(i);
      assertEquals(ReplayCheck.check("ha1", removed), streamed(removed));
    }
    assertEquals(entries.size(), mismatches, "every edit to a made-up stop is found");
  }

  @Test
  void messagesWriteEventsInTheGivenNotationAndTheCheckerCountsEntries() {
    final List<Entry> edited = new ArrayList<>(ReplayCheckTest.journal());
    final Entry last = edited.get(edited.size() - 1);
    edited.add(
        new Entry(
            last.index() + 1, last.timeMicros(), "ha1", new GroupStop("g1", Phase.REQUESTED, "")));
    final ReplayCheck.Checker checker =
        new ReplayCheck.Checker("ha1", (e, at) -> e.getClass().getSimpleName() + "@" + at);
    edited.forEach(checker::accept);
    final ReplayCheck.Mismatch m = checker.finish();
    assertNotNull(m);
    assertEquals(last.index() + 1, m.index());
    assertTrue(
        m.message().startsWith("the node recorded GroupStop@" + last.timeMicros()), m.message());
    assertEquals(edited.size(), checker.entries());
    assertTrue(Objects.nonNull(checker.state()));
  }
}
