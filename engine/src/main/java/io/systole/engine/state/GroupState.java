package io.systole.engine.state;

import java.util.List;

/**
 * One resource group as this node sees it: its status here and each resource's, which nodes claim
 * it, and the per-node marks that steer where it may run (start failed there, standby there,
 * takeover asked there). Node lists keep the order in which the marks arrived.
 *
 * @param configured false when a new configuration dropped the group while it was not stopped here;
 *     the group stays in the state until it is stopped
 * @param claimedBy the nodes that announced they hold it; this node's own announcement included
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
    List<String> claimedBy,
    List<String> failedOn,
    List<String> standbyOn,
    List<String> takeoverOn,
    String detail,
    Recovery recovery) {

  /** Copies the lists so that the record is immutable. */
  public GroupState {
    resources = List.copyOf(resources);
    claimedBy = List.copyOf(claimedBy);
    failedOn = List.copyOf(failedOn);
    standbyOn = List.copyOf(standbyOn);
    takeoverOn = List.copyOf(takeoverOn);
  }

  GroupState withLocal(final GroupStatus next, final long timeMicros, final String why) {
    return new GroupState(
        name,
        preferredNode,
        configured,
        next,
        timeMicros,
        resources,
        claimedBy,
        failedOn,
        standbyOn,
        takeoverOn,
        why,
        recovery);
  }

  GroupState withResources(final List<ResourceState> next) {
    return new GroupState(
        name,
        preferredNode,
        configured,
        local,
        sinceMicros,
        next,
        claimedBy,
        failedOn,
        standbyOn,
        takeoverOn,
        detail,
        recovery);
  }

  GroupState withMarks(
      final List<String> claims,
      final List<String> failed,
      final List<String> standby,
      final List<String> takeover) {
    if (claims.equals(claimedBy)
        && failed.equals(failedOn)
        && standby.equals(standbyOn)
        && takeover.equals(takeoverOn)) {
      return this;
    }
    return new GroupState(
        name,
        preferredNode,
        configured,
        local,
        sinceMicros,
        resources,
        claims,
        failed,
        standby,
        takeover,
        detail,
        recovery);
  }

  GroupState withLayout(
      final String preferred, final boolean inConfig, final List<ResourceState> next) {
    return new GroupState(
        name,
        preferred,
        inConfig,
        local,
        sinceMicros,
        next,
        claimedBy,
        failedOn,
        standbyOn,
        takeoverOn,
        detail,
        recovery);
  }

  GroupState withRecovery(final Recovery next) {
    return next == recovery
        ? this
        : new GroupState(
            name,
            preferredNode,
            configured,
            local,
            sinceMicros,
            resources,
            claimedBy,
            failedOn,
            standbyOn,
            takeoverOn,
            detail,
            next);
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
