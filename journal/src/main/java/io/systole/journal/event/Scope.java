package io.systole.journal.event;

/**
 * Which groups an admin command covers, in Heartbeat's terms ({@code hb_standby
 * all|local|foreign}): all groups, the groups this node prefers, or the groups other nodes prefer.
 */
public enum Scope implements Coded {
  ALL(1),
  LOCAL(2),
  FOREIGN(3);

  private final int code;

  Scope(final int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
