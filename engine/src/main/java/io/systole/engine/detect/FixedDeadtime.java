package io.systole.engine.detect;

/** Heartbeat's rule: a link silent for {@code deadtime} is dead. */
final class FixedDeadtime implements DeathRule {
  private final long deadtimeMicros;

  FixedDeadtime(final long deadtimeMicros) {
    this.deadtimeMicros = deadtimeMicros;
  }

  @Override
  public void onArrival(final LinkState link, final long intervalMicros) {
    // nothing to learn: the deadline is fixed
  }

  @Override
  public long deadtimeInForce(final long silenceMicros) {
    return deadtimeMicros;
  }

  @Override
  public boolean isDead(final LinkState link, final long silenceMicros) {
    return silenceMicros >= deadtimeMicros;
  }
}
