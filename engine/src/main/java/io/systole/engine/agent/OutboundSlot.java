package io.systole.engine.agent;

/**
 * One preallocated slot of the outbound ring: what to send, a status message with its announcement,
 * or an answer to one peer (Heartbeat's {@code repnodes}, {@code NS_ackmsg}).
 */
final class OutboundSlot {
  /** What the slot asks the send stage to send. */
  enum Kind {
    /** {@code t=status} carrying {@link #announcement}. */
    STATUS,
    /** {@code t=repnodes} to node {@link #peer}: the answer to its {@code reqnodes}. */
    REPNODES,
    /** {@code t=NS_ackmsg} to node {@link #peer}: its messages received up to {@link #ackSeq}. */
    ACK,
    /** A message of Heartbeat's resource protocol: {@link #resource}. */
    RESOURCE,
    /** Not a message: sign or seal with {@link #keys} from now on. */
    KEYS
  }

  Kind kind;
  Announcement announcement;
  io.systole.engine.heartbeat.ResourceMessage resource;
  int peer;
  long ackSeq;
  WireKeys keys;
}
