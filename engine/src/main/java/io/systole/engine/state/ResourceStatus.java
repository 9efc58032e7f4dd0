package io.systole.engine.state;

/** Where one resource of a group stands on this node, from the actuator's reports. */
public enum ResourceStatus {
  STOPPED,
  STARTING,
  RUNNING,
  START_FAILED,
  STOPPING,
  STOP_FAILED
}
