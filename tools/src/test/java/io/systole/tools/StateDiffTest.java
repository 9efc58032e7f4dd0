package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each kind of entry shows as changed, folded with the engine's own fold. */
class StateDiffTest {
  private static final long T = SampleJournals.T0;

  /** ha1's state after DaemonStarted and the incident's configuration, ha2 not heard yet. */
  private static ClusterState configured() {
    return fold(ClusterState.initial("ha1"), new DaemonStarted("0.1.0", 1), Incident.CONFIG);
  }

  private static ClusterState fold(final ClusterState s, final Event... events) {
    ClusterState state = s;
    for (final Event e : events) {
      state = Fold.apply(state, T, e);
    }
    return state;
  }

  /** The changes {@code events} make to {@code s}, in words. */
  private static List<String> changes(final ClusterState s, final Event... events) {
    return StateDiff.between(s, fold(s, events)).stream().map(StateDiff.Change::text).toList();
  }

  @Test
  void daemonStartChangesOnlyTheDaemon() {
    assertEquals(
        List.of("node ha1 daemon never_started -> running"),
        changes(ClusterState.initial("ha1"), new DaemonStarted("0.1.0", 1)));
  }

  @Test
  void configurationAddsNodesAndGroupsByTheirStatusOnly() {
    final ClusterState started = fold(ClusterState.initial("ha1"), new DaemonStarted("0.1.0", 1));
    assertEquals(
        List.of(
            "config sha256 - -> 9f86d081884c7d65",
            "node ha1 status - -> up",
            "node ha2 status - -> unknown",
            "group web here - -> stopped",
            "group db here - -> stopped"),
        changes(started, Incident.CONFIG));
  }

  @Test
  void aConfigurationDroppingANodeShowsItGone() {
    final ConfigLoaded alone =
        new ConfigLoaded(
            "/etc/ha.d", "abc", List.of("ha1"), Incident.CONFIG.groups(), Failback.OFF, "");
    final List<StateDiff.Change> changes =
        StateDiff.between(configured(), fold(configured(), alone));
    assertEquals(
        List.of(
            new StateDiff.Change("config", null, "sha256", "9f86d081884c7d65", "abc"),
            new StateDiff.Change("node", "ha2", "status", "unknown", null),
            new StateDiff.Change("node", "ha1", "ready", "no", "yes")),
        changes);
    assertEquals("node ha2 status unknown -> -", changes.get(1).text());
  }

  @Test
  void peerUpShowsStatusLinkAndThisNodesReadiness() {
    assertEquals(
        List.of(
            "node ha2 status unknown -> up",
            "link ha2 \"bcast eth1\" - -> up",
            "node ha1 ready no -> yes"),
        changes(configured(), new NodeUp("ha2", "bcast eth1")));
  }

  @Test
  void peerDeathShowsStatusReadinessAndEveryLinkDown() {
    final ClusterState up =
        fold(
            configured(),
            new NodeUp("ha2", "bcast eth1"),
            new NodeUp("ha2", "serial /dev/ttyS0"),
            new PeerStatus("ha2", true, List.of(), List.of(), List.of()));
    assertEquals(
        List.of(
            "node ha2 status up -> dead",
            "node ha2 ready yes -> no",
            "link ha2 \"bcast eth1\" up -> down",
            "link ha2 \"serial /dev/ttyS0\" up -> down"),
        changes(up, new NodeDead("ha2", 5_000_000, false, 0, List.of())));
  }

  @Test
  void claimsMarksAndLocalStatusOfGroups() {
    final ClusterState up = fold(configured(), new NodeUp("ha2", "bcast eth1"));
    assertEquals(
        List.of("group web claimedBy none -> ha1"), changes(up, new PeerClaim("ha1", "web", 1)));
    assertEquals(
        List.of("group db claimedBy none -> ha2"), changes(up, new PeerClaim("ha2", "db", 1)));
    assertEquals(
        List.of("node ha2 ready no -> yes", "group db standbyOn none -> ha2"),
        changes(up, new PeerStatus("ha2", true, List.of(), List.of("db"), List.of())));
    assertEquals(
        List.of("group web here stopped -> starting"),
        changes(up, new GroupStart("web", Phase.REQUESTED, "start-preferred")));
  }

  @Test
  void anEntryThatChangesNothingShownHasNoChanges() {
    final ClusterState up = fold(configured(), new NodeUp("ha2", "bcast eth1"));
    // A late warning counts in the state, but the diff leaves counters to the entry line.
    assertEquals(List.of(), changes(up, new NodeWarn("ha2", "bcast eth1", T, 1_500_000)));
    assertEquals(List.of(), StateDiff.between(up, up));
  }
}
