package io.systole.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.ResourceStart;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which transitions the notify program hears of, and the exact variables of each. */
class NotificationsTest {
  /** 2026-11-25T17:44:47.000123Z. */
  private static final long MICROS = 1_795_628_687_000_123L;

  private static Map<String, String> of(final Event event) {
    return Notifications.of(new Entry(42, MICROS, "ha1", event)).orElseThrow().environment();
  }

  /** The variables every notification has, with {@code more}, each {@code NAME=value}. */
  private static Map<String, String> expected(final String event, final String... more) {
    final Map<String, String> env = new HashMap<>();
    env.put("SYSTOLE_EVENT", event);
    env.put("SYSTOLE_NODE", "ha1");
    env.put("SYSTOLE_TIME", "2026-11-25T17:44:47.000123Z");
    env.put("SYSTOLE_TIME_MICROS", Long.toString(MICROS));
    env.put("SYSTOLE_INDEX", "42");
    for (final String m : more) {
      final int eq = m.indexOf('=');
      env.put("SYSTOLE_" + m.substring(0, eq), m.substring(eq + 1));
    }
    return env;
  }

  @Test
  void nodesAndLinksComeUpAndDie() {
    assertEquals(
        expected("NodeUp", "KIND=node", "STATE=up", "TARGET=ha2", "LINK=eth1"),
        of(new NodeUp("ha2", "eth1")));
    assertEquals(
        expected("NodeDead", "KIND=node", "STATE=dead", "TARGET=ha2"),
        of(new NodeDead("ha2", 30_000_000, false, 0, List.of())));
    assertEquals(
        expected("LinkUp", "KIND=link", "STATE=up", "TARGET=ha2", "LINK=eth1"),
        of(new LinkUp("ha2", "eth1")));
    assertEquals(
        expected("LinkDead", "KIND=link", "STATE=dead", "TARGET=ha2", "LINK=eth1"),
        of(new LinkDead("ha2", "eth1", 1, 30_000_000)));
  }

  @Test
  void groupsStartAndStopInThreePhasesAndFailTheirMonitor() {
    assertEquals(
        expected("GroupStart", "KIND=group", "STATE=starting", "GROUP=web", "DETAIL=ha2 is dead"),
        of(new GroupStart("web", Phase.REQUESTED, "ha2 is dead")));
    assertEquals(
        expected("GroupStart", "KIND=group", "STATE=started", "GROUP=web"),
        of(new GroupStart("web", Phase.SUCCEEDED, "")));
    assertEquals(
        expected("GroupStart", "KIND=group", "STATE=start_failed", "GROUP=web", "DETAIL=exit 1"),
        of(new GroupStart("web", Phase.FAILED, "exit 1")));
    assertEquals("stopping", of(new GroupStop("web", Phase.REQUESTED, "")).get("SYSTOLE_STATE"));
    assertEquals(
        expected("GroupStop", "KIND=group", "STATE=stopped", "GROUP=web"),
        of(new GroupStop("web", Phase.SUCCEEDED, "")));
    assertEquals("stop_failed", of(new GroupStop("web", Phase.FAILED, "x")).get("SYSTOLE_STATE"));
    assertEquals(
        expected(
            "MonitorFailed",
            "KIND=group",
            "STATE=monitor_failed",
            "GROUP=web",
            "RESOURCE=apache",
            "DETAIL=exit 7"),
        of(new MonitorFailed("web", "apache", "exit 7")));
  }

  @Test
  void everyFencingPhaseIsNotified() {
    assertEquals(
        expected(
            "Fence",
            "KIND=fence",
            "STATE=fence_requested",
            "TARGET=ha2",
            "AGENT=external/ipmi",
            "DETAIL=ha2 is dead"),
        of(new Fence("ha2", "external/ipmi", Phase.REQUESTED, "ha2 is dead")));
    assertEquals("fenced", of(new Fence("ha2", "null", Phase.SUCCEEDED, "")).get("SYSTOLE_STATE"));
    assertEquals(
        "fence_failed", of(new Fence("ha2", "null", Phase.FAILED, "")).get("SYSTOLE_STATE"));
  }

  @Test
  void pingGroupsAndTheQuorumFileBecomeReachableOrNot() {
    assertEquals(
        expected(
            "PingStatus", "KIND=ping", "STATE=unreachable", "TARGET=gw", "DETAIL=10.0.0.1 silent"),
        of(new PingStatus("gw", false, "10.0.0.1 silent")));
    assertEquals(
        expected("PingStatus", "KIND=ping", "STATE=reachable", "TARGET=/q/lock"),
        of(new PingStatus("/q/lock", true, "")));
  }

  @Test
  void theDaemonStartsAndStops() {
    assertEquals(
        expected(
            "DaemonStarted", "KIND=daemon", "STATE=daemon_started", "DETAIL=version 1.2, pid 77"),
        of(new DaemonStarted("1.2", 77)));
    assertEquals(
        expected("DaemonStopped", "KIND=daemon", "STATE=daemon_stopped", "DETAIL=SIGTERM"),
        of(new DaemonStopped("SIGTERM")));
  }

  @Test
  void routineEntriesAreNotNotified() {
    for (final Event routine :
        List.<Event>of(
            new DaemonStopping("SIGTERM"),
            new NodeWarn("ha2", "eth1", 1, 16_000_000),
            new PeerStatus("ha2", true, List.of(), List.of(), List.of()),
            new ResourceStart("web", "apache", Phase.SUCCEEDED, ""))) {
      assertFalse(Notifications.notifies(routine), routine::toString);
      assertTrue(Notifications.of(new Entry(1, MICROS, "ha1", routine)).isEmpty());
    }
  }

  @Test
  void aTimeBeforeTheEpochStillHasSixDigits() {
    assertEquals(
        "1969-12-31T23:59:59.999999Z",
        Notifications.of(new Entry(0, -1, "ha1", new DaemonStopped("x")))
            .orElseThrow()
            .environment()
            .get("SYSTOLE_TIME"));
  }

  @Test
  void aNotificationDescribesItselfForTheLog() {
    assertEquals(
        "NodeDead ha2 (#42)",
        new Notification(of(new NodeDead("ha2", 1, false, 0, List.of()))).describe());
  }
}
