package io.systole.tools;

import io.systole.engine.agent.ClusterLogic;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.nio.file.Path;
import java.util.List;

/**
 * A small two-node start-up written by the real {@link ClusterLogic} into Chronicle journals, so
 * that every decision in them is one the policy re-derives: ha1 and ha2 start, hear each other, and
 * each takes its preferred group (web on ha1, db on ha2) and hears the other's claim. ha2's clock
 * runs behind: it journals ha1's claim of web 50 ms before ha1 journaled it.
 */
final class Incident {
  /** Both nodes' configuration: web prefers ha1, db prefers ha2, no failback, no fencing. */
  static final ConfigLoaded CONFIG =
      new ConfigLoaded(
          "/etc/ha.d",
          "9f86d081884c7d65",
          List.of("ha1", "ha2"),
          List.of(
              new ConfigLoaded.Group("web", "ha1", List.of("IPaddr::10.0.0.10")),
              new ConfigLoaded.Group("db", "ha2", List.of("IPaddr::10.0.0.11"))),
          Failback.OFF,
          "");

  private Incident() {}

  /** One input to the logic at {@code millis} after {@link SampleJournals#T0}. */
  record Input(long millis, Event event) {}

  /** ha1's inputs; the logic adds its decisions after the PeerStatus at 3 s. */
  static List<Input> ha1Inputs() {
    return List.of(
        new Input(0, new DaemonStarted("0.1.0", 101)),
        new Input(1000, CONFIG),
        new Input(2000, new NodeUp("ha2", "bcast eth1")),
        new Input(3000, new PeerStatus("ha2", true, List.of(), List.of(), List.of())),
        new Input(3500, new PeerClaim("ha2", "db", 1)),
        new Input(4000, new GroupStart("web", Phase.SUCCEEDED, "")));
  }

  /** ha2's inputs; equal times with ha1 at 0 s and 2 s, its claim of db at 2.9 s. */
  static List<Input> ha2Inputs() {
    return List.of(
        new Input(0, new DaemonStarted("0.1.0", 202)),
        new Input(1500, CONFIG),
        new Input(2000, new NodeUp("ha1", "bcast eth1")),
        new Input(2900, new PeerStatus("ha1", true, List.of(), List.of(), List.of())),
        new Input(2950, new PeerClaim("ha1", "web", 1)),
        new Input(3200, new GroupStart("db", Phase.SUCCEEDED, "")));
  }

  /** ha1's journal in {@code parent}/ha1. */
  static Path ha1(final Path parent) {
    return write(parent.resolve("ha1"), "ha1", ha1Inputs());
  }

  /** ha2's journal in {@code parent}/ha2. */
  static Path ha2(final Path parent) {
    return write(parent.resolve("ha2"), "ha2", ha2Inputs());
  }

  /**
   * Runs {@code node}'s logic over {@code inputs}, journaling into a new journal in {@code dir}.
   */
  static Path write(final Path dir, final String node, final List<Input> inputs) {
    try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleOptions.forNode(node))) {
      final ClusterLogic logic = new ClusterLogic(journal, action -> {});
      for (final Input in : inputs) {
        logic.accept(SampleJournals.T0 + in.millis() * 1000, List.of(in.event()));
      }
    }
    return dir;
  }

  /** Appends {@code event} to the journal in {@code dir} of {@code node}, 1 s after its last. */
  static void append(final Path dir, final String node, final Event event) {
    try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleOptions.forNode(node))) {
      journal.append(SampleJournals.T0 + 10_000_000L, event);
    }
  }

  /**
   * ha1's inputs in a failover after the start-up: ha2 falls silent, ha1 loses its link and
   * declares it dead at 6 s, fences it (the fencing steps come in as inputs: the configuration has
   * no agent, so the logic only journals them), takes db over (started at 6.5 s), and at 8 s an
   * admin puts ha1's foreign groups in standby.
   */
  static List<Input> failoverHa1Inputs() {
    final long heard = SampleJournals.T0 + 4_000_000L;
    final List<Input> inputs = new java.util.ArrayList<>(ha1Inputs());
    inputs.add(
        new Input(
            5500, new io.systole.journal.event.LinkDead("ha2", "bcast eth1", heard, 1_500_000)));
    inputs.add(
        new Input(
            6000,
            new io.systole.journal.event.NodeDead(
                "ha2",
                2_000_000,
                false,
                0,
                List.of(new io.systole.journal.event.NodeDead.LinkEvidence("bcast eth1", heard)))));
    inputs.add(
        new Input(
            6100, new io.systole.journal.event.Fence("ha2", "external/ipmi", Phase.SUCCEEDED, "")));
    inputs.add(new Input(6500, new GroupStart("db", Phase.SUCCEEDED, "")));
    inputs.add(
        new Input(
            8000,
            new io.systole.journal.event.AdminStandby(
                "ha1", io.systole.journal.event.Scope.FOREIGN, "hb_standby")));
    return List.copyOf(inputs);
  }

  /** ha1's journal of the failover ({@link #failoverHa1Inputs()}) in {@code parent}/ha1. */
  static Path failoverHa1(final Path parent) {
    return write(parent.resolve("ha1"), "ha1", failoverHa1Inputs());
  }
}
