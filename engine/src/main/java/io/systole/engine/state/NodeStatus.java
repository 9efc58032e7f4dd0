package io.systole.engine.state;

/**
 * A node's membership as this node sees it: not heard since this daemon started ({@code UNKNOWN}),
 * heard within the deadtime ({@code UP}), or declared dead ({@code DEAD}).
 */
public enum NodeStatus {
  UNKNOWN,
  UP,
  DEAD
}
