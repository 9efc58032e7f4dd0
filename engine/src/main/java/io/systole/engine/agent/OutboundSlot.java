package io.systole.engine.agent;

/**
 * One preallocated slot of the outbound ring: what to send, a status message with its announcement,
 * or an answer to one peer (Heartbeat's {@code repnodes}).
 */
final class OutboundSlot {
  /** What the slot asks the send stage to send. */
  enum Kind {
    /** {@code t=status} carrying {@link #announcement}. */
    STATUS,
    /** {@code t=repnodes} to node {@link #peer}: the answer to its {@code reqnodes}. */
    REPNODES
  }

  Kind kind;
  Announcement announcement;
  int peer;
}
