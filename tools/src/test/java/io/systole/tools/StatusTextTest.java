package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.Drop;
import io.systole.engine.agent.StatusSnapshot;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code systole status} prints, from a known state. */
class StatusTextTest {
  private static final long T0 = SampleJournals.T0;

  /** A node ha1 whose peer ha2 died, starting the group web for a failover. */
  static StatusSnapshot snapshot() {
    final List<Event> events =
        List.of(
            new DaemonStarted("test", 42),
            new ConfigLoaded(
                "/etc/ha.d",
                "ab",
                List.of("ha1", "ha2"),
                List.of(new ConfigLoaded.Group("web", "ha2", List.of("IPaddr::10.0.0.10"))),
                Failback.OFF,
                ""),
            new NodeUp("ha2", "eth0"),
            new NodeDead("ha2", 5_000_000, false, 5, List.of()),
            new GroupStart("web", Phase.REQUESTED, "start-failover: node ha2 dead"));
    ClusterState s = ClusterState.initial("ha1");
    final List<Entry> recent = new ArrayList<>();
    long t = T0;
    for (final Event e : events) {
      s = Fold.apply(s, t, e);
      recent.add(new Entry(recent.size(), t, "ha1", e));
      t += 1_000_000;
    }
    return new StatusSnapshot(
        s,
        1795579892L,
        recent.size() - 1,
        recent,
        List.of(),
        Map.of(Drop.BAD_AUTH, 3L),
        Map.of("ha2", 2L),
        List.of("ha2"));
  }

  @Test
  void textShowsNodesLinksGroupsWithTheirReasonDropsAndTransitions() {
    final String text = new StatusText(new TimeText(TimeText.UTC)).text(snapshot());
    assertTrue(text.startsWith("node ha1: daemon running, ready, generation 1795579892,"), text);
    assertTrue(
        text.contains("ha2              dead     since 2026-11-25 01:02:06.123456 UTC"), text);
    assertTrue(text.contains("2 message(s) lost"), text);
    assertTrue(text.contains(", runs Heartbeat 3.0.6"), "a peer of a cluster being migrated");
    assertTrue(text.contains("link eth0         dead"), text);
    assertTrue(text.contains("web                      preferred ha2"), text);
    assertTrue(text.contains("here starting  held by nobody"), text);
    assertTrue(text.contains("why: start-failover: node ha2 dead"), text);
    assertTrue(text.contains("    IPaddr::10.0.0.10              stopped"), text);
    assertTrue(text.contains("bad_auth                 3"), text);
    assertTrue(text.contains("4 2026-11-25 01:02:07.123456 UTC ha1 GroupStart group=web"), text);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonIsOneDocumentWithTheSameFacts() {
    final Map<String, Object> json =
        (Map<String, Object>)
            Json.parse(new StatusText(new TimeText(TimeText.UTC)).json(snapshot()));
    assertEquals("ha1", json.get("node"));
    assertEquals(Boolean.TRUE, json.get("ready"));
    final List<Object> nodes = (List<Object>) json.get("nodes");
    final Map<String, Object> ha2 = (Map<String, Object>) nodes.get(1);
    assertEquals("dead", ha2.get("status"));
    assertEquals(2L, ha2.get("lost_messages"));
    assertEquals(Boolean.TRUE, ha2.get("heartbeat"));
    assertEquals(Boolean.FALSE, ((Map<String, Object>) nodes.get(0)).get("heartbeat"));
    final Map<String, Object> web =
        (Map<String, Object>) ((List<Object>) json.get("groups")).get(0);
    assertEquals("starting", web.get("here"));
    assertEquals("start-failover: node ha2 dead", web.get("why"));
    final Map<String, Object> ip =
        (Map<String, Object>) ((List<Object>) web.get("resources")).get(0);
    assertEquals("IPaddr::10.0.0.10", ip.get("name"));
    assertEquals("stopped", ip.get("status"));
    assertEquals(3L, ((Map<String, Object>) json.get("drops")).get("bad_auth"));
    assertEquals(0L, ((Map<String, Object>) json.get("drops")).get("replayed"));
    assertEquals(5, ((List<Object>) json.get("recent")).size());
  }
}
