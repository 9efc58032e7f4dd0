package io.systole.engine.resource;

/**
 * What is asked of a resource: start it, stop it, ask whether it already runs before starting it
 * (Heartbeat's {@code status} check), or watch it while it runs. The last three run the same script
 * action and differ only in how a script's answer is judged (see {@link Convention}) and, for
 * {@code ANNOUNCE}, in asking the resource to re-announce what it publishes.
 */
public enum Verb {
  /** Start the resource. */
  START,
  /** Stop the resource; stopping what does not run succeeds. */
  STOP,
  /** Before a start: does it already run? Only a clear yes skips the start. */
  STATUS,
  /** While the group runs: does it still? Only a clear no counts as a failure. */
  MONITOR,
  /**
   * A monitor after another holder gave the group up (a healed partition, a woken frozen node):
   * judged as {@link #MONITOR}, and an address also re-announces itself with gratuitous ARP, so
   * that clients follow this node at once. Only then: an ARP at every monitor would let a node that
   * has not yet heard the newer holder pull clients back to itself.
   */
  ANNOUNCE
}
