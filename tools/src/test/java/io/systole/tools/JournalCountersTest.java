package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the metrics count from the journal's entries, fed one at a time as the logic records. */
class JournalCountersTest {
  private static final long T0 = SampleJournals.T0;
  private static final String IP = "IPaddr::10.0.0.10";

  private final JournalCounters counters = new JournalCounters();
  private long index;

  private void at(final long micros, final Event e) {
    counters.accept(new Entry(index++, T0 + micros, "ha1", e));
  }

  @Test
  void failoversCountOnlyRequestedStartsForAFailoverOrATakeover() {
    at(0, new GroupStart("web", Phase.REQUESTED, "start-preferred: ha1 is web's node"));
    at(1, new GroupStart("web", Phase.REQUESTED, "start-failover: node ha2 dead"));
    at(2, new GroupStart("web", Phase.SUCCEEDED, "start-failover: node ha2 dead"));
    at(3, new GroupStart("db", Phase.REQUESTED, "start-takeover: systole takeover all"));
    at(4, new GroupStart("db", Phase.FAILED, "IPaddr exited 1"));
    assertEquals(2, counters.failovers());
  }

  @Test
  void lateHeartbeatsAreCountedPerPeer() {
    at(0, new NodeWarn("ha2", "eth0", T0, 1_500_000));
    at(1, new NodeWarn("ha2", "eth1", T0, 1_600_000));
    at(2, new NodeWarn("ha3", "eth0", T0, 1_500_000));
    assertEquals(2, counters.lateHeartbeats("ha2"));
    assertEquals(1, counters.lateHeartbeats("ha3"));
    assertEquals(0, counters.lateHeartbeats("ha4"));
  }

  @Test
  void actionDurationsRunFromTheRequestToTheOutcome() {
    at(0, new ResourceStart("web", IP, Phase.REQUESTED, "start-failover"));
    at(1_500_000, new ResourceStart("web", IP, Phase.SUCCEEDED, ""));
    at(2_000_000, new ResourceStart("web", IP, Phase.REQUESTED, "restart-monitor"));
    at(2_500_000, new ResourceStart("web", IP, Phase.SUCCEEDED, ""));
    at(3_000_000, new ResourceStop("web", IP, Phase.REQUESTED, "stop-standby"));
    at(3_250_000, new ResourceStop("web", IP, Phase.FAILED, "exited 1"));
    at(4_000_000, new ResourceStop("web", "httpd", Phase.SUCCEEDED, "requested before start"));
    assertEquals(
        Map.of(
            new JournalCounters.Action("web", IP, "start"),
            new JournalCounters.Totals(2, 2_000_000, 0),
            new JournalCounters.Action("web", IP, "stop"),
            new JournalCounters.Totals(1, 250_000, 1)),
        counters.actions());
    final List<String> page =
        List.of(MetricsText.render(StatusTextTest.snapshot(), counters).split("\n"));
    for (final String expected :
        List.of(
            "systole_action_duration_seconds_sum{group=\"web\",resource=\""
                + IP
                + "\",action=\"start\"} 2.0",
            "systole_action_duration_seconds_count{group=\"web\",resource=\""
                + IP
                + "\",action=\"start\"} 2",
            "systole_action_duration_seconds_sum{group=\"web\",resource=\""
                + IP
                + "\",action=\"stop\"} 0.25",
            "systole_action_failures_total{group=\"web\",resource=\""
                + IP
                + "\",action=\"stop\"} 1")) {
      assertTrue(page.contains(expected), expected + " in\n" + String.join("\n", page));
    }
  }
}
