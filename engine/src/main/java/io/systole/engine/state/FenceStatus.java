package io.systole.engine.state;

/** Fencing of a node, as far as this node knows: none asked for, asked for, done, or failed. */
public enum FenceStatus {
  NONE,
  REQUESTED,
  SUCCEEDED,
  FAILED
}
