package io.systole.media.secure;

/**
 * What {@link EnvelopeOpener#open} decided about one envelope: {@link #ACCEPTED}, or why not. The
 * checks run in three stages: the framing ({@link #TRUNCATED} to {@link #MODE_MISMATCH}: no state,
 * no crypto), then the bounds and the sender's replay window, read only ({@link #FUTURE_GENERATION}
 * to {@link #TOO_MANY_SENDERS}, except {@link #DUPLICATE}), then the tag ({@link #BAD_TAG}). Only
 * an envelope whose tag verifies changes the replay state. So a rejection before {@link #BAD_TAG}
 * may concern forged bytes (a counter of them measures traffic, not attacks that got anywhere);
 * {@link #ACCEPTED} never does.
 */
public enum Verdict {
  /** Authentic, fresh, in the window: the payload was delivered and the window moved. */
  ACCEPTED,
  /** Shorter than its fixed header or than the lengths it declares. */
  TRUNCATED,
  /**
   * Not an envelope: bad magic, unknown mode, bad lengths, trailing bytes, zero or huge numbers.
   */
  MALFORMED,
  /** The magic is right, the version is not one this code reads. */
  UNSUPPORTED_VERSION,
  /** A payload longer than {@link EnvelopeLayout#MAX_PAYLOAD}. */
  OVERSIZED,
  /** The slot names no configured key. */
  UNKNOWN_SLOT,
  /** The slot's key is configured for the other mode. */
  MODE_MISMATCH,
  /**
   * The generation is further ahead of this node's clock than the opener allows: a sender with a
   * badly wrong clock, or a forgery trying to lock the sender out. Decided before any state is
   * read.
   */
  FUTURE_GENERATION,
  /** This sender was already heard with a higher generation: a replay from an earlier run. */
  OLD_GENERATION,
  /**
   * This (generation, sequence) was already accepted: a copy from another medium, or a replay. The
   * tag was checked (a forged copy is {@link #BAD_TAG}) and the payload delivered, so a receiver
   * can count the copy as proof that its medium works; the window did not move.
   */
  DUPLICATE,
  /**
   * The sequence is too far behind the highest one accepted to tell whether it is a replay, or
   * older than the first envelope heard from this sender since this node started.
   */
  BEHIND_WINDOW,
  /** A new sender, but the opener already tracks as many as it may. */
  TOO_MANY_SENDERS,
  /** The tag does not verify: forged, damaged, or sealed with another secret. */
  BAD_TAG
}
