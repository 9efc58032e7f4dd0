package io.systole.engine.agent;

/**
 * Why a received message was dropped after the transports handed it over. Each has a counter in
 * status; drops are logged at most once a second per link.
 */
public enum Drop {
  /** Framing broken or a field malformed. */
  MALFORMED,
  /** Shorter than its framing says. */
  TRUNCATED,
  /** Longer than any message may be. */
  OVERSIZED,
  /** No {@code auth} where one is required. */
  MISSING_AUTH,
  /** Signed with a key index this node does not have. */
  UNKNOWN_KEY,
  /** The digest does not match: forged, corrupted, or another cluster's key. */
  BAD_AUTH,
  /** From a node that is not in the node lines. */
  UNKNOWN_NODE,
  /** Sent by this node, heard back (broadcast, multicast loop, serial ring); not logged. */
  OWN,
  /** Addressed to another node; not logged (Heartbeat nodes send such messages all the time). */
  NOT_FOR_US,
  /**
   * A Heartbeat message where this node's authkeys accepts Systole envelopes only: a Heartbeat node
   * or a Systole node not yet switched to the cluster's key.
   */
  UNSEALED,
  /** Of a generation the sender has left (Heartbeat: "attempted replay attack"). */
  STALE_GENERATION,
  /** Of a generation implausibly far ahead of this node's clock. */
  IMPLAUSIBLE_GENERATION,
  /** An older sequence number than the newest seen: overtaken or replayed. */
  REPLAYED,
  /** The inbound ring was full: the cluster logic is behind. */
  RING_FULL
}
