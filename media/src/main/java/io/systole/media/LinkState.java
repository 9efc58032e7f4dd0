package io.systole.media;

/**
 * Where a link is in its life: {@code STARTING -> UP <-> FAILED -> ... -> CLOSED}. A failed link
 * retries on its own; only {@link Media#close()} ends it.
 */
public enum LinkState {
  /** Started, first attempt not finished. */
  STARTING,
  /** Bound (UDP) or open (serial): frames flow. */
  UP,
  /** The last attempt failed or the medium broke; a retry is scheduled. */
  FAILED,
  /** Closed for good. */
  CLOSED
}
