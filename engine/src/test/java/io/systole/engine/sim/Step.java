package io.systole.engine.sim;

import io.systole.journal.event.Scope;

/**
 * One fault or command in a simulated schedule, at a virtual time. Which fields matter depends on
 * the kind; {@link #toString()} prints only those, so a shrunk schedule reads as a short script.
 *
 * @param atMicros virtual time of the step
 * @param node the node it concerns (index), or the first node of a partition's side
 * @param other a second node (partition: the other side; one-way partitions cut node to other)
 * @param group the group (index) for failure injection
 * @param durationMicros how long a pause lasts
 * @param scope the scope of a standby or takeover
 * @param link the link (index) for link cuts
 */
record Step(
    Kind kind,
    long atMicros,
    int node,
    int other,
    int group,
    long durationMicros,
    Scope scope,
    int link) {

  /** What happens. */
  enum Kind {
    /** The machine dies: its daemon and its resources stop at once. */
    CRASH,
    /** Only the daemon dies (kill -9): its resources keep running. */
    KILL,
    /** A node that is down boots and starts its daemon. */
    RESTART,
    /** The node stops processing (SIGSTOP) for a while, then resumes. */
    PAUSE,
    /** Node and other cannot hear each other, both ways. */
    PARTITION,
    /** Other stops hearing node; node still hears other. */
    ONE_WAY,
    /** Every partition is healed. */
    HEAL,
    /** One medium goes down between every pair. */
    LINK_DOWN,
    /** The medium comes back. */
    LINK_UP,
    /** The next start of the group on the node fails. */
    FAIL_START,
    /** The next stop of the group on the node fails. */
    FAIL_STOP,
    /** An admin runs standby on the node. */
    STANDBY,
    /** An admin runs takeover on the node. */
    TAKEOVER,
    /** SIGTERM: the daemon gives its groups up, journals its stop, and is down until a restart. */
    STOP,
    /** The group's last resource dies on the node (if it runs there); its monitor notices. */
    MONITOR_FAIL
  }

  /** Whether this step can make two nodes run one group without fencing: it is expected then. */
  boolean permitsSplitBrain() {
    return switch (kind) {
      case KILL, PAUSE, PARTITION, ONE_WAY, LINK_DOWN -> true;
      default -> false;
    };
  }

  @Override
  public String toString() {
    final String at = String.format("%7.3fs %-10s", atMicros / 1e6, kind);
    return switch (kind) {
      case CRASH, KILL, RESTART, STOP -> at + " n" + node;
      case PAUSE -> at + " n" + node + " for " + durationMicros / 1000 + "ms";
      case PARTITION, ONE_WAY -> at + " n" + node + " / n" + other;
      case HEAL -> at;
      case LINK_DOWN, LINK_UP -> at + " link" + link;
      case FAIL_START, FAIL_STOP, MONITOR_FAIL -> at + " n" + node + " g" + group;
      case STANDBY, TAKEOVER -> at + " n" + node + " " + scope;
    };
  }
}
