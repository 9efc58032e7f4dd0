package io.systole.engine.state;

/**
 * Where a resource group stands on this node. {@code UNCLEAN} means a stop failed: the group may
 * still run here, so no node may start it until this node is fenced or an admin cleans it up.
 * {@code UNKNOWN} means the daemon restarted after a crash while the group was not stopped; it is
 * stopped before anything else happens.
 */
public enum GroupStatus {
  STOPPED,
  STARTING,
  RUNNING,
  STOPPING,
  UNCLEAN,
  UNKNOWN;

  /** Whether the group may be running here, so that no other node may start it. */
  public boolean held() {
    return this != STOPPED;
  }
}
