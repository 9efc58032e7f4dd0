package io.systole.engine.detect;

/**
 * What the detector knows of one peer's link: when it was last heard, whether it is up, whether
 * this silence was already warned about, and the recent intervals an adaptive rule learns from.
 * Mutable; owned by the detector's thread.
 */
final class LinkState {
  /** {@link #lastHeardMicros} of a link never heard. */
  static final long NEVER = -1L;

  /** Status of a link or a node. */
  enum Status {
    /** Never heard since the detector started. */
    UNKNOWN,
    UP,
    DEAD
  }

  final String name;
  final IntervalWindow intervals;
  long lastHeardMicros = NEVER;
  Status status = Status.UNKNOWN;
  boolean warned;

  LinkState(final String name, final int window) {
    this.name = name;
    this.intervals = new IntervalWindow(window);
  }
}
