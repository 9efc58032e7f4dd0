package io.systole.engine.policy;

/**
 * The policy rule that decided an action. Its label opens the reason journaled with the action, so
 * a replay shows which rule fired; labels never change once released.
 */
public enum Rule {
  /** This node is the group's preferred node and nobody holds the group. */
  START_PREFERRED("start-preferred"),
  /**
   * The preferred node cannot run the group (dead, failed, standby, not ready); this node is next.
   */
  START_FAILOVER("start-failover"),
  /** An admin asked this node to take the group over. */
  START_TAKEOVER("start-takeover"),
  /** auto_failback is on and the group's preferred node is back and ready. */
  STOP_FAILBACK("stop-failback"),
  /** An admin put the group in standby here and another node can take it. */
  STOP_STANDBY("stop-standby"),
  /** An admin asked another node to take the group over. */
  STOP_TAKEOVER_BY_PEER("stop-takeover-by-peer"),
  /** Another node holds the group too and is its owner: this node yields (a healed partition). */
  STOP_YIELD("stop-yield"),
  /** The daemon restarted after a crash while the group was not stopped: stop it to be sure. */
  STOP_RECOVER("stop-recover"),
  /** The daemon is stopping (SIGTERM): it gives its groups up, the last one first. */
  STOP_SHUTDOWN("stop-shutdown"),
  /** The group's monitor failed here: stop it and start it here again, once. */
  RESTART_MONITOR("restart-monitor"),
  /** The group failed here (its monitor again after a restart): another node can take it. */
  STOP_FAILED_HERE("stop-failed-here"),
  /** A new configuration dropped the group while it ran here. */
  STOP_REMOVED("stop-removed"),
  /** This node holds or is taking the group and has not said so yet. */
  ANNOUNCE_CLAIM("announce-claim"),
  /** This node stopped the group and has not said so yet. */
  ANNOUNCE_RELEASE("announce-release"),
  /** A dead node may still run groups; fence it before they move. */
  FENCE_DEAD_HOLDER("fence-dead-holder"),
  /**
   * A dead node that held no group this node knows of may still have taken one (its claim lost with
   * the link): fence it before any group starts.
   */
  FENCE_DEAD("fence-dead"),
  /** This node's partition lost quorum: it stops its groups so that the majority can run them. */
  STOP_NO_QUORUM("stop-no-quorum"),
  /** Another node reaches more ping groups than this one: the group moves there (ipfail). */
  STOP_PING("stop-ping");

  private final String label;

  Rule(final String label) {
    this.label = label;
  }

  /** The stable name that opens a reason's text. */
  public String label() {
    return label;
  }

  /** The rule labelled {@code label}, or null. */
  public static Rule ofLabel(final String label) {
    for (final Rule r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    return null;
  }
}
