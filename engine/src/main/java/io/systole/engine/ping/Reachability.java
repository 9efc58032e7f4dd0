package io.systole.engine.ping;

/** What this node knows of its path to one ping group. */
public enum Reachability {
  /** No verdict yet: no reply and not yet the start's silence limit. */
  UNKNOWN,
  /** Some address of the group answered within deadping (and, after a loss, steadily). */
  REACHABLE,
  /** No address of the group answered for deadping. */
  UNREACHABLE
}
