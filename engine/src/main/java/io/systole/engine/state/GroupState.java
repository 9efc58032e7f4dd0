package io.systole.engine.state;

import java.util.List;

/**
 * One resource group as this node sees it: its status here and each resource's, and what the nodes
 * said about it ({@link GroupMarks}: claims with their numbers, and the marks that steer where it
 * may run).
 *
 * @param configured false when a new configuration dropped the group while it was not stopped here;
 *     the group stays in the state until it is stopped
 * @param marks the claims and the per-node marks
 * @param detail the last reason or outcome journaled for the group here
 * @param recovery where the group stands after a failed monitor here
 */
public record GroupState(
    String name,
    String preferredNode,
    boolean configured,
    GroupStatus local,
    long sinceMicros,
    List<ResourceState> resources,
    GroupMarks marks,
    String detail,
    Recovery recovery) {

  /** Copies the list so that the record is immutable. */
  public GroupState {
    resources = List.copyOf(resources);
  }

  /** The nodes that announced they hold the group; this node's own announcement included. */
  public List<String> claimedBy() {
    return marks.claimedBy();
  }

  /** The nodes where the group failed to start (or failed its monitor again after a restart). */
  public List<String> failedOn() {
    return marks.failedOn();
  }

  /** The nodes in standby for the group. */
  public List<String> standbyOn() {
    return marks.standbyOn();
  }

  /** The nodes where a takeover of the group was asked. */
  public List<String> takeoverOn() {
    return marks.takeoverOn();
  }

  GroupState withLocal(final GroupStatus next, final long timeMicros, final String why) {
    return new GroupState(
        name, preferredNode, configured, next, timeMicros, resources, marks, why, recovery);
  }

  GroupState withResources(final List<ResourceState> next) {
    return new GroupState(
        name, preferredNode, configured, local, sinceMicros, next, marks, detail, recovery);
  }

  GroupState withMarks(final GroupMarks next) {
    return next.equals(marks)
        ? this
        : new GroupState(
            name, preferredNode, configured, local, sinceMicros, resources, next, detail, recovery);
  }

  GroupState withLayout(
      final String preferred, final boolean inConfig, final List<ResourceState> next) {
    return new GroupState(
        name, preferred, inConfig, local, sinceMicros, next, marks, detail, recovery);
  }

  GroupState withRecovery(final Recovery next) {
    return next == recovery
        ? this
        : new GroupState(
            name, preferredNode, configured, local, sinceMicros, resources, marks, detail, next);
  }

  /**
   * Where a group whose monitor failed here stands: {@code NONE} (no failure since it last started
   * or stopped), {@code RESTART} (a failure: stop and start it here again, keeping the claim), or
   * {@code RESTARTED} (restarted once: the next failure marks it failed here, and it moves).
   */
  public enum Recovery {
    NONE,
    RESTART,
    RESTARTED
  }

  /** The resource named {@code resource}, or -1. */
  public int resourceIndex(final String resource) {
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i).resource().equals(resource)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a resource's stop failed, so that the group may still run in part. */
  public boolean anyStopFailed() {
    for (final ResourceState r : resources) {
      if (r.status() == ResourceStatus.STOP_FAILED) {
        return true;
      }
    }
    return false;
  }
}
