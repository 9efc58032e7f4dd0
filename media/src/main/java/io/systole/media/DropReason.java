package io.systole.media;

/** Why a link dropped a frame, received or sent; each has its own counter in {@link LinkStats}. */
public enum DropReason {
  /** Received frame longer than the configured maximum (whole datagram or serial frame). */
  OVERSIZED,
  /** Serial frame cut short: a new {@code >>>} line or the link failing before {@code <<<}. */
  TRUNCATED,
  /** Bytes that are no frame: an empty datagram, serial garbage between frames (one per run). */
  MALFORMED,
  /** The frame handler threw; the frame is lost to the engine. */
  HANDLER_ERROR,
  /** Sent while the link was not up. */
  SEND_LINK_DOWN,
  /** Frame to send longer than the configured maximum. */
  SEND_OVERSIZED,
  /** The serial writer's queue was full (the line is slower than the senders). */
  SEND_QUEUE_FULL,
  /** The operating system refused or failed the write. */
  SEND_FAILED
}
