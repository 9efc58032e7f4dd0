package io.systole.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.systole.engine.policy.Rule;
import io.systole.engine.state.Scenario;
import io.systole.journal.Entry;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WhatIf} over {@link ReplayCheckTest}'s journal, where auto_failback on made ha1 stop g2
 * and release it when ha2 came back: under the same configuration nothing differs; with
 * auto_failback off exactly the round after ha2's status differs (the failback's stop not taken),
 * and g2 is no longer followed, so its release after the recorded stop's outcome is not compared.
 */
class WhatIfTest {
  private static List<WhatIf.Round> differing(final WhatIf whatIf, final List<Entry> entries) {
    final List<WhatIf.Round> rounds = new ArrayList<>();
    for (final Entry e : entries) {
      final WhatIf.Round r = whatIf.accept(e);
      if (r != null) {
        rounds.add(r);
      }
    }
    final WhatIf.Round last = whatIf.finish();
    if (last != null) {
      rounds.add(last);
    }
    return rounds;
  }

  @Test
  void theSameConfigurationDerivesEveryRecordedDecision() {
    final WhatIf whatIf = new WhatIf("ha1", Scenario.layout(Failback.ON, "", "ha1", "ha2"));
    assertEquals(List.of(), differing(whatIf, ReplayCheckTest.journal()));
    assertEquals(8, whatIf.rounds());
    assertEquals(0, whatIf.differing());
    assertNull(whatIf.first());
  }

  @Test
  void failbackOffDiffersOnlyWhereTheFailbackWasTaken() {
    final List<Entry> entries = ReplayCheckTest.journal();
    final WhatIf whatIf = new WhatIf("ha1", Scenario.layout(Failback.OFF, "", "ha1", "ha2"));
    final List<WhatIf.Round> rounds = differing(whatIf, entries);
    assertEquals(
        1,
        rounds.size(),
        () -> rounds.stream().map(Object::toString).reduce("", (a, b) -> a + "\n" + b));
    final WhatIf.Round r = rounds.get(0);
    assertEquals(
        new PeerStatus("ha2", true, List.of(), List.of(), List.of()),
        r.input().event(),
        r::toString);
    assertEquals(1, r.recorded().size());
    final WhatIf.Decision stop = r.recorded().get(0);
    assertEquals(GroupStop.class, stop.event().getClass());
    assertEquals(Phase.REQUESTED, ((GroupStop) stop.event()).phase());
    assertEquals(Rule.STOP_FAILBACK, stop.action().reason().rule());
    assertEquals(List.of(), r.derived());
    assertEquals(List.of("g2"), r.dropped());
    assertEquals(List.of("g2"), whatIf.unfollowed());
    assertEquals(8, whatIf.rounds());
    assertEquals(r, whatIf.first());
  }
}
