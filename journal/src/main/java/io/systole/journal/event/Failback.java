package io.systole.journal.event;

/**
 * Heartbeat's {@code auto_failback}: whether a group goes back to its preferred node when that node
 * returns ({@code ON}), stays where it runs ({@code OFF}), or follows the pre-2.0 protocol in which
 * the preferred node always asks for its groups back ({@code LEGACY}, which therefore behaves as
 * {@code ON}).
 */
public enum Failback implements Coded {
  ON(1),
  OFF(2),
  LEGACY(3);

  private final int code;

  Failback(final int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
