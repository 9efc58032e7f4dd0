package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.StatusSnapshot;
import io.systole.engine.control.ControlProtocol.Response;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the daemon answers on its control socket, from known states. */
class DaemonControlTest {
  private final List<Event> submitted = new ArrayList<>();
  private ClusterState state;

  private DaemonControl control(final Event... events) {
    ClusterState s = ClusterState.initial("ha1");
    final List<Event> all = new ArrayList<>();
    all.add(new DaemonStarted("test", 42));
    all.add(
        new ConfigLoaded(
            "/etc/ha.d",
            "ab",
            List.of("ha1", "ha2", "ha3"),
            List.of(
                new ConfigLoaded.Group("web", "ha1", List.of("IPaddr::10.0.0.10")),
                new ConfigLoaded.Group("db", "ha2", List.of("IPaddr::10.0.0.11"))),
            Failback.OFF,
            ""));
    all.addAll(List.of(events));
    long t = 1_000_000;
    for (final Event e : all) {
      s = Fold.apply(s, t, e);
      t += 1_000_000;
    }
    state = s;
    return new DaemonControl(
        () -> new StatusSnapshot(state, 1, 0, List.of(), List.of(), Map.of(), Map.of()),
        submitted::addAll,
        new StatusText(new TimeText(TimeText.UTC)));
  }

  @Test
  void standbyAndTakeoverAreJournaledAsAdminEventsWithTheirScope() {
    final DaemonControl c = control();
    assertEquals(0, c.handle("standby foreign").exitCode());
    assertEquals(0, c.handle("takeover").exitCode());
    assertEquals(
        List.of(
            new AdminStandby("ha1", Scope.FOREIGN, "systole standby foreign"),
            new AdminTakeover("ha1", Scope.ALL, "systole takeover all")),
        submitted);
    final Response bad = c.handle("standby everything");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.body().contains("all, local or foreign"), bad.body());
    assertEquals(2, submitted.size(), "a bad scope submits nothing");
  }

  @Test
  void nodestatusSaysActiveDeadOrUnknownAndRefusesStrangers() {
    final DaemonControl c =
        control(new NodeUp("ha2", "eth0"), new NodeDead("ha2", 5_000_000, false, 5, List.of()));
    assertEquals("active\n", c.handle("nodestatus ha1").body());
    assertEquals("dead\n", c.handle("nodestatus HA2").body());
    assertEquals("unknown\n", c.handle("nodestatus ha3").body());
    final Response stranger = c.handle("nodestatus ha9");
    assertEquals(1, stranger.exitCode());
    assertTrue(stranger.body().contains("not in ha.cf"), stranger.body());
  }

  @Test
  void hblinksListsEachLinkWithItsStatus() {
    final DaemonControl c = control(new NodeUp("ha2", "eth0"));
    assertEquals("eth0 up\n", c.handle("hblinks ha2").body());
  }

  @Test
  void rscstatusFollowsWhatThisNodeRuns() {
    assertEquals("none\n", control().handle("rscstatus").body());
    assertEquals(
        "transition\n",
        control(new GroupStart("web", Phase.REQUESTED, "x")).handle("rscstatus").body());
    assertEquals(
        "local\n",
        control(
                new GroupStart("web", Phase.REQUESTED, "x"),
                new GroupStart("web", Phase.SUCCEEDED, "x"))
            .handle("rscstatus")
            .body());
    assertEquals(
        "all\n",
        control(
                new GroupStart("web", Phase.REQUESTED, "x"),
                new GroupStart("web", Phase.SUCCEEDED, "x"),
                new GroupStart("db", Phase.REQUESTED, "x"),
                new GroupStart("db", Phase.SUCCEEDED, "x"))
            .handle("rscstatus")
            .body());
  }

  @Test
  void unknownRequestsAreUsageErrors() {
    assertEquals(2, control().handle("reboot").exitCode());
    assertEquals(2, control().handle("status yaml").exitCode());
    assertEquals(2, control().handle("hblinks").exitCode());
  }
}
