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
import io.systole.journal.event.Fence;
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
    return control("", events);
  }

  /**
   * The control of node ha1 in ha1 ha2 ha3, fencing with {@code fenceAgent}, after {@code events}.
   */
  private DaemonControl control(final String fenceAgent, final Event... events) {
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
            fenceAgent));
    all.addAll(List.of(events));
    long t = 1_000_000;
    for (final Event e : all) {
      s = Fold.apply(s, t, e);
      t += 1_000_000;
    }
    state = s;
    return new DaemonControl(
        () -> new StatusSnapshot(state, 1, 0, List.of(), List.of(), Map.of(), Map.of(), List.of()),
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
  void fenceConfirmJournalsAnOperatorsFenceOfADeadNodeOnly() {
    final NodeDead dead = new NodeDead("ha2", 5_000_000, false, 0, List.of());
    final DaemonControl c = control("meatware", new NodeUp("ha3", "eth0"), dead);
    final Response ok = c.handle("fence-confirm ha2");
    assertEquals(0, ok.exitCode(), ok.body());
    assertEquals(1, submitted.size());
    final Fence f = (Fence) submitted.get(0);
    assertEquals("ha2", f.target());
    assertEquals(Phase.SUCCEEDED, f.phase());
    assertTrue(f.detail().contains("confirmed by an operator"), f.detail());
    // Refused: this node, a node that is heard, a stranger, a cluster without fencing.
    assertTrue(c.handle("fence-confirm ha1").body().contains("that is this node"));
    assertTrue(c.handle("fence-confirm ha3").body().contains("not dead"));
    assertEquals(1, c.handle("fence-confirm ha9").exitCode());
    assertEquals(2, c.handle("fence-confirm").exitCode());
    assertEquals(1, submitted.size(), "a refusal submits nothing");
    final Response unfenced = control("", dead).handle("fence-confirm ha2");
    assertEquals(1, unfenced.exitCode());
    assertTrue(unfenced.body().contains("no stonith line"), unfenced.body());
  }

  @Test
  void statusShowsQuorumFencingAndHearing() {
    final DaemonControl c =
        control(
            "meatware",
            new NodeUp("ha3", "eth0"),
            new io.systole.journal.event.PeerStatus(
                "ha3", true, List.of(), List.of(), List.of(), List.of("ha2"), List.of(), false),
            new NodeDead("ha2", 5_000_000, false, 0, List.of()),
            new Fence(
                "ha2", "meatware", Phase.FAILED, "attempt 1: no answer; next attempt in 1 s"));
    final String text = c.handle("status").body();
    assertTrue(text.contains("does not hear us"), text);
    assertTrue(text.contains("fencing failed: attempt 1: no answer; next attempt in 1 s"), text);
    final String json = c.handle("status json").body();
    assertTrue(json.contains("\"fence\": \"failed\""), json);
    assertTrue(json.contains("\"hears_us\": false"), json);
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
