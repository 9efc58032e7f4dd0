package io.systole.engine.ping;

/**
 * Receives a ping group's verdicts. Called on the thread {@code systole-ping}, only when a group's
 * verdict changes (the first verdict after start included), so an implementation must be quick and
 * must not block: hand the verdict to the cluster logic and return.
 */
@FunctionalInterface
public interface PingListener {
  /**
   * A group's verdict changed.
   *
   * @param group the group's name (a plain {@code ping} address names its own group)
   * @param reachable whether this node now reaches the group
   * @param detail why, as a line for the operator, e.g. "no reply from 10.0.0.254 for 2 s (deadping
   *     2 s)"
   */
  void onPing(String group, boolean reachable, String detail);
}
