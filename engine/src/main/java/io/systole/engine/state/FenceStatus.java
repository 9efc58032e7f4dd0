package io.systole.engine.state;

/**
 * Fencing of a node since it was last declared dead, as far as this node knows: none asked for,
 * asked for, done, failed (retried by the fence runner), or not needed because the node announced a
 * clean stop and held nothing when it fell silent.
 */
public enum FenceStatus {
  NONE,
  REQUESTED,
  SUCCEEDED,
  FAILED,
  UNNEEDED
}
