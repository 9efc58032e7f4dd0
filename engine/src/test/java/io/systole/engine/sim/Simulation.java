package io.systole.engine.sim;

import io.systole.engine.policy.Placement;
import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Quorum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs one {@link Scenario}: N nodes, each the real detector, fold, policy and journal, in one
 * thread on one virtual clock. The network drops, delays and duplicates heartbeats as the scenario
 * says; the schedule crashes, pauses and partitions nodes and fails their resource actions; after
 * the faults everything heals and the cluster must converge. Invariants are checked as it goes and
 * at the end; the first violation stops the run.
 */
final class Simulation {
  private record Task(long at, long order, Runnable run) {}

  final Scenario scenario;
  final SplittableRandom random;
  final ConfigLoaded config;
  final SimNode[] nodes;
  final boolean[][] cut;
  final boolean[] linkDown = new boolean[Scenario.LINKS];
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private long order;
  private long now;
  private Violation violation;
  private final long[] doubleSince;
  private long splitBrainMicros;

  Simulation(final Scenario scenario) {
    this.scenario = scenario;
    this.random = new SplittableRandom(scenario.seed() ^ 0x5DEECE66DL);
    final List<String> names = new ArrayList<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      names.add(Scenario.nodeName(i));
    }
    this.config =
        new ConfigLoaded(
            "sim",
            Long.toHexString(scenario.seed()),
            names,
            scenario.groups(),
            scenario.failback(),
            scenario.fencing() ? SimNode.FENCE_AGENT : "",
            new ConfigLoaded.Guards(
                scenario.quorum() ? Quorum.MAJORITY : Quorum.OFF,
                List.of(),
                "",
                Scenario.FENCE_DELAY,
                List.of()));
    this.nodes = new SimNode[scenario.nodes()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new SimNode(this, i);
    }
    this.cut = new boolean[nodes.length][nodes.length];
    this.doubleSince = new long[scenario.groups().size()];
    java.util.Arrays.fill(doubleSince, -1);
  }

  long now() {
    return now;
  }

  /** Runs {@code run} at virtual time {@code at}. */
  void at(final long at, final Runnable run) {
    queue.add(new Task(Math.max(at, now), order++, run));
  }

  void violated(final String invariant, final String message) {
    if (violation == null) {
      violation = new Violation(invariant, now, message);
    }
  }

  Outcome run() {
    for (final SimNode n : nodes) {
      at(random.nextLong(3_000_000L), () -> n.boot());
    }
    for (final Step s : scenario.steps()) {
      at(s.atMicros(), () -> apply(s));
    }
    at(Scenario.HEAL_AT, this::heal);
    at(Scenario.HEAL_AT + 2_000_000L, this::cleanup);
    while (!queue.isEmpty() && violation == null) {
      final Task t = queue.poll();
      if (t.at > Scenario.CHECK_AT) {
        break;
      }
      now = t.at;
      t.run.run();
    }
    now = Scenario.CHECK_AT;
    if (violation == null) {
      checkConverged();
    }
    long entries = 0;
    for (final SimNode n : nodes) {
      if (violation == null) {
        n.checkJournal();
      }
      entries += n.journal.lastIndex() + 1;
    }
    return new Outcome(violation, splitBrainMicros, entries);
  }

  private void apply(final Step s) {
    final SimNode n = nodes[s.node()];
    switch (s.kind()) {
      case CRASH -> n.down(true);
      case KILL -> n.down(false);
      case RESTART -> n.boot();
      case PAUSE -> n.pause(s.durationMicros());
      case PARTITION -> {
        cut[s.node()][s.other()] = true;
        cut[s.other()][s.node()] = true;
      }
      case ONE_WAY -> cut[s.node()][s.other()] = true;
      case HEAL -> clearCuts();
      case LINK_DOWN -> linkDown[s.link()] = true;
      case LINK_UP -> linkDown[s.link()] = false;
      case FAIL_START -> n.failNextStart[s.group()] = true;
      case FAIL_STOP -> n.failNextStop[s.group()] = true;
      case STANDBY -> n.admin(s.scope(), false);
      case TAKEOVER -> n.admin(s.scope(), true);
      case STOP -> n.stop();
      case MONITOR_FAIL -> n.monitorFails(s.group());
    }
  }

  private void clearCuts() {
    for (final boolean[] row : cut) {
      java.util.Arrays.fill(row, false);
    }
  }

  private void heal() {
    clearCuts();
    java.util.Arrays.fill(linkDown, false);
    for (final SimNode n : nodes) {
      java.util.Arrays.fill(n.failNextStart, false);
      java.util.Arrays.fill(n.failNextStop, false);
      n.boot();
    }
  }

  /**
   * What an admin does after an incident: stops by hand what failed and cleans it up, one node
   * after the other, then starts again a daemon that was stopping (it stopped once its UNCLEAN
   * groups were cleaned up). One node at a time, a second apart: cleanups on two nodes within one
   * network delay can each make its node the owner before it hears the other's (a known race of
   * claims made on views that differ; see the README's Cluster logic section).
   */
  private void cleanup() {
    for (int i = 0; i < nodes.length; i++) {
      at(now + i * 1_000_000L, nodes[i]::cleanupAll);
    }
    at(
        now + nodes.length * 1_000_000L,
        () -> {
          for (final SimNode n : nodes) {
            n.boot();
          }
        });
  }

  /** Delivers {@code message} from its sender to node {@code to} on {@code link}, or loses it. */
  void send(final SimNode.Message message, final int link, final int to) {
    if (linkDown[link] || cut[message.from()][to] || random.nextDouble() < scenario.loss()) {
      return;
    }
    final int copies = random.nextDouble() < scenario.duplication() ? 2 : 1;
    for (int c = 0; c < copies; c++) {
      final long delay = 100 + random.nextLong(scenario.maxDelayMicros());
      at(now + delay, () -> nodes[to].receive(message, link));
    }
  }

  /** Called whenever what truly runs changes: measures how long two nodes run one group. */
  void truthChanged() {
    for (int g = 0; g < doubleSince.length; g++) {
      int running = 0;
      for (final SimNode n : nodes) {
        running += n.trulyRuns(g) ? 1 : 0;
      }
      if (running >= 2 && doubleSince[g] < 0) {
        doubleSince[g] = now;
      } else if (running < 2 && doubleSince[g] >= 0) {
        final long lasted = now - doubleSince[g];
        splitBrainMicros = Math.max(splitBrainMicros, lasted);
        doubleSince[g] = -1;
        if (!scenario.permitsSplitBrain()) {
          violated(
              "one-owner",
              "group "
                  + scenario.groups().get(g).name()
                  + " ran on two nodes for "
                  + lasted / 1000
                  + (scenario.fencing()
                      ? " ms with fencing configured"
                      : " ms with no partition, pause or kill in the schedule"));
        }
      }
    }
  }

  /** Invariant 1: connected and quiet, every group runs on exactly its one owner. */
  private void checkConverged() {
    for (final SimNode n : nodes) {
      if (n.mode != SimNode.Mode.RUNNING) {
        violated("converged", n.name + " is " + n.mode + " after the heal");
        return;
      }
    }
    for (int g = 0; g < scenario.groups().size(); g++) {
      final ConfigLoaded.Group spec = scenario.groups().get(g);
      final Set<String> owners = new HashSet<>();
      final List<String> running = new ArrayList<>();
      for (final SimNode n : nodes) {
        final ClusterState s = n.logic.state();
        final GroupState gs = s.group(spec.name());
        owners.add(String.valueOf(Placement.owner(s, gs)));
        if (n.trulyRuns(g)) {
          running.add(n.name);
        }
      }
      if (owners.size() != 1 || owners.contains("null")) {
        violated("converged", "nodes disagree on the owner of " + spec.name() + ": " + owners);
        return;
      }
      final String owner = owners.iterator().next();
      final SimNode o = nodes[Integer.parseInt(owner.substring(2)) - 1];
      if (!running.equals(List.of(owner))
          || !o.trulyRunsAll(g)
          || o.logic.state().group(spec.name()).local() != GroupStatus.RUNNING) {
        violated(
            "converged",
            spec.name()
                + " should run on exactly "
                + owner
                + " but runs on "
                + running
                + "; states: "
                + describe(spec.name()));
        return;
      }
      final GroupState seen = o.logic.state().group(spec.name());
      final boolean unmarked = seen.standbyOn().isEmpty() && seen.takeoverOn().isEmpty();
      if (scenario.failback() != Failback.OFF && unmarked && !owner.equals(spec.preferredNode())) {
        violated(
            "converged",
            spec.name()
                + " runs on "
                + owner
                + " but auto_failback is "
                + scenario.failback()
                + " and its preferred node "
                + spec.preferredNode()
                + " is up");
        return;
      }
    }
  }

  String describe(final String group) {
    final StringBuilder b = new StringBuilder();
    for (final SimNode n : nodes) {
      if (n.logic == null) {
        continue;
      }
      final GroupState gs = n.logic.state().group(group);
      b.append(n.name)
          .append('=')
          .append(gs.local())
          .append(" claims")
          .append(gs.claimedBy())
          .append(" failed")
          .append(gs.failedOn())
          .append(" standby")
          .append(gs.standbyOn())
          .append(" takeover")
          .append(gs.takeoverOn())
          .append("; ");
    }
    return b.toString();
  }

  /** Every node's journal, merged by time: one line per entry, for reading a failed seed. */
  String trace() {
    final List<io.systole.journal.Entry> all = new ArrayList<>();
    for (final SimNode n : nodes) {
      try (io.systole.journal.JournalReader r = n.journal.reader(0)) {
        for (io.systole.journal.Entry e = r.poll(); e != null; e = r.poll()) {
          all.add(e);
        }
      }
    }
    all.sort(java.util.Comparator.comparingLong(io.systole.journal.Entry::timeMicros));
    final StringBuilder b = new StringBuilder();
    for (final io.systole.journal.Entry e : all) {
      b.append(String.format("%9.3fs %s %s%n", e.timeMicros() / 1e6, e.node(), e.event()));
    }
    return b.toString();
  }

  /** Invariant 4, for one node: replay re-derives every recorded decision. */
  void checkReplay(final SimNode n, final List<io.systole.journal.Entry> entries) {
    final ReplayCheck.Mismatch m = ReplayCheck.check(n.name, entries);
    if (m != null) {
      violated("replay", n.name + " entry " + m.index() + ": " + m.message());
    }
  }
}
