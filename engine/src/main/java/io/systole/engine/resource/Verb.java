package io.systole.engine.resource;

/**
 * What is asked of a resource: start it, stop it, ask whether it already runs before starting it
 * (Heartbeat's {@code status} check), or watch it while it runs. The last two run the same script
 * action and differ only in how a script's answer is judged (see {@link Convention}).
 */
public enum Verb {
  /** Start the resource. */
  START,
  /** Stop the resource; stopping what does not run succeeds. */
  STOP,
  /** Before a start: does it already run? Only a clear yes skips the start. */
  STATUS,
  /** While the group runs: does it still? Only a clear no counts as a failure. */
  MONITOR
}
