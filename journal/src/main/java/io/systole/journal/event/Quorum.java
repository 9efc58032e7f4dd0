package io.systole.journal.event;

/**
 * Which partition may run groups: every one ({@code OFF}, Heartbeat's haresources behaviour), or
 * only one that holds more than half of the configured votes, or exactly half and the tiebreaker
 * ({@code MAJORITY}).
 */
public enum Quorum implements Coded {
  OFF(1),
  MAJORITY(2);

  private final int code;

  Quorum(final int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
