package io.systole.engine.fence;

import java.util.Locale;

/**
 * What a fencing agent is asked to do to a node, as Heartbeat's STONITH plugins name it on their
 * command line ({@link #keyword()}): power it off, power it on, reset it (power cycle), or check
 * the device's status. Fencing itself uses {@link #RESET} (Heartbeat's default) or {@link #OFF}.
 */
public enum FenceVerb {
  /** Power the node off and leave it off. */
  OFF("powered off"),
  /** Power the node on. */
  ON("powered on"),
  /** Power cycle the node: it is off, then boots again without the resources it held. */
  RESET("reset"),
  /** Check that the device answers; the node is not touched. */
  STATUS("status checked");

  private final String done;

  FenceVerb(final String done) {
    this.done = done;
  }

  /**
   * The word on the agent's command line: {@code off}, {@code on}, {@code reset}, {@code status}.
   */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What was done to a node, for reports: "reset", "powered off". */
  public String done() {
    return done;
  }
}
