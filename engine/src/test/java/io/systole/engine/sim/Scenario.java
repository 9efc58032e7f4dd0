package io.systole.engine.sim;

import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated run: the cluster (nodes, groups, auto_failback, timings), the network's loss, delay
 * and duplication, and the schedule of steps. Everything derives from one seed, so a seed is a
 * complete reproduction; a shrunk scenario is the same one with fewer steps.
 */
record Scenario(
    long seed,
    int nodes,
    List<ConfigLoaded.Group> groups,
    Failback failback,
    double loss,
    double duplication,
    long maxDelayMicros,
    List<Step> steps,
    boolean fencing,
    boolean quorum) {

  static final long KEEPALIVE = 1_000_000L;
  static final long WARNTIME = 2_000_000L;
  static final long DEADTIME = 3_000_000L;
  static final long INITDEAD = 6_000_000L;
  static final long TICK = 200_000L;

  /** How often a node checks the groups it runs, as the daemon's systole_monitor_interval. */
  static final long MONITOR = 2_000_000L;

  static final int LINKS = 2;

  /** How long a node without precedence waits before it fences (systole_fence_delay). */
  static final long FENCE_DELAY = 2_000_000L;

  /**
   * Faults happen in [FAULTS_FROM, FAULTS_UNTIL); then everything heals and the cluster settles.
   */
  static final long FAULTS_FROM = 4_000_000L;

  static final long FAULTS_UNTIL = 45_000_000L;
  static final long HEAL_AT = 55_000_000L;
  static final long CHECK_AT = 80_000_000L;

  Scenario {
    groups = List.copyOf(groups);
    steps = List.copyOf(steps);
  }

  static String nodeName(final int i) {
    return "ha" + (i + 1);
  }

  static String linkName(final int i) {
    return "bcast eth" + i;
  }

  /** The same scenario with {@code fewer} steps. */
  Scenario withSteps(final List<Step> fewer) {
    return new Scenario(
        seed, nodes, groups, failback, loss, duplication, maxDelayMicros, fewer, fencing, quorum);
  }

  /**
   * Whether some step can make two nodes run one group: never with fencing, which is what it is
   * for; without it, a partition, a pause or a kill can (with quorum too, until the minority has
   * stopped).
   */
  boolean permitsSplitBrain() {
    return !fencing && steps.stream().anyMatch(Step::permitsSplitBrain);
  }

  /** The random scenario of {@code seed}. */
  static Scenario random(final long seed) {
    final SplittableRandom r = new SplittableRandom(seed);
    final int nodes = r.nextInt(10) < 7 ? 2 : 3;
    final int groupCount = 1 + r.nextInt(3);
    final List<ConfigLoaded.Group> groups = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      final List<String> resources = new ArrayList<>();
      resources.add("IPaddr::10.0.0." + (50 + g));
      for (int k = r.nextInt(3); k > 0; k--) {
        resources.add("svc" + g + "_" + k);
      }
      groups.add(new ConfigLoaded.Group(resources.get(0), nodeName(r.nextInt(nodes)), resources));
    }
    final Failback[] failbacks = Failback.values();
    final Failback failback = failbacks[r.nextInt(failbacks.length)];
    final double loss = r.nextInt(3) == 0 ? 0.0 : r.nextDouble() * 0.05;
    final double dup = r.nextInt(3) == 0 ? 0.0 : r.nextDouble() * 0.02;
    final long maxDelay = 200 + r.nextLong(50_000);
    final List<Step> steps = new ArrayList<>();
    for (int k = r.nextInt(12); k > 0; k--) {
      steps.add(randomStep(r, nodes, groupCount));
    }
    steps.sort(Comparator.comparingLong(Step::atMicros));
    // Drawn last, so that a seed's cluster and schedule are the same as before these guards.
    final int guards = r.nextInt(4);
    final boolean fencing = guards == 1 || guards == 3;
    final boolean quorum = nodes >= 3 && guards >= 2;
    return new Scenario(seed, nodes, groups, failback, loss, dup, maxDelay, steps, fencing, quorum);
  }

  private static Step randomStep(final SplittableRandom r, final int nodes, final int groups) {
    final long at = FAULTS_FROM + r.nextLong(FAULTS_UNTIL - FAULTS_FROM);
    final int node = r.nextInt(nodes);
    final int other = (node + 1 + r.nextInt(nodes - 1)) % nodes;
    final Step.Kind[] kinds = Step.Kind.values();
    final Step.Kind kind = kinds[r.nextInt(kinds.length)];
    final Scope[] scopes = Scope.values();
    return new Step(
        kind,
        at,
        node,
        other,
        r.nextInt(groups),
        500_000L + r.nextLong(8_000_000L),
        scopes[r.nextInt(scopes.length)],
        r.nextInt(LINKS));
  }

  @Override
  public String toString() {
    final StringBuilder b = new StringBuilder();
    b.append("seed ")
        .append(seed)
        .append(": ")
        .append(nodes)
        .append(" nodes, auto_failback ")
        .append(failback)
        .append(fencing ? ", fencing" : "")
        .append(quorum ? ", quorum" : "")
        .append(
            String.format(
                ", loss %.3f, dup %.3f, delay <= %d us%n", loss, duplication, maxDelayMicros));
    for (final ConfigLoaded.Group g : groups) {
      b.append("  group ")
          .append(g.name())
          .append(" preferred ")
          .append(g.preferredNode())
          .append(' ')
          .append(g.resources())
          .append('\n');
    }
    for (final Step s : steps) {
      b.append("  ").append(s).append('\n');
    }
    return b.toString();
  }
}
