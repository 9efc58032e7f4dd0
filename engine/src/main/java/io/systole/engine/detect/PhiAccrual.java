package io.systole.engine.detect;

/**
 * The adaptive rule (Hayashibara et al., "The φ accrual failure detector"): from a link's recent
 * inter-arrival times, φ says how unlikely the current silence is, as -log10 of the probability
 * that a heartbeat still comes; a link is dead when φ reaches the threshold. Under load, when
 * heartbeats arrive late and irregularly, the learned spread grows and φ rises more slowly, so a
 * tight deadtime stops producing false deaths. Never declares a link dead before the admin's floor;
 * until a link has shown {@link #MIN_SAMPLES} intervals it falls back to deadtime.
 */
final class PhiAccrual implements DeathRule {
  /** Intervals needed before φ is trusted over deadtime. */
  static final int MIN_SAMPLES = 8;

  private final double threshold;
  private final long floorMicros;
  private final long deadtimeMicros;
  private final double minStdDevMicros;

  /**
   * A φ rule.
   *
   * @param threshold φ at which a link is dead (8 means a 1-in-10^8 chance of being wrong)
   * @param floorMicros the least silence ever declared dead
   * @param deadtimeMicros the rule used while too few intervals are known
   * @param keepaliveMicros the expected interval: bounds the spread from below, so a perfectly
   *     regular link does not make φ explode at the first tiny delay
   */
  PhiAccrual(
      final double threshold,
      final long floorMicros,
      final long deadtimeMicros,
      final long keepaliveMicros) {
    this.threshold = threshold;
    this.floorMicros = floorMicros;
    this.deadtimeMicros = deadtimeMicros;
    this.minStdDevMicros = Math.max(1.0, keepaliveMicros / 10.0);
  }

  @Override
  public void onArrival(final LinkState link, final long intervalMicros) {
    if (intervalMicros >= 0) {
      link.intervals.add(intervalMicros);
    }
  }

  /**
   * φ has no fixed deadtime: the evidence records the silence at which the link was judged dead.
   */
  @Override
  public long deadtimeInForce(final long silenceMicros) {
    return silenceMicros;
  }

  @Override
  public boolean isDead(final LinkState link, final long silenceMicros) {
    if (silenceMicros < floorMicros) {
      return false;
    }
    if (link.intervals.count() < MIN_SAMPLES) {
      return silenceMicros >= deadtimeMicros;
    }
    return phi(link.intervals.mean(), link.intervals.variance(), silenceMicros) >= threshold;
  }

  /** φ of a silence, for a normal distribution of intervals (logistic approximation of its CDF). */
  double phi(final double mean, final double variance, final long silenceMicros) {
    final double stdDev = Math.max(Math.sqrt(variance), minStdDevMicros);
    final double y = (silenceMicros - mean) / stdDev;
    final double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    // 1 - CDF = e / (1 + e); for large y, e underflows: φ then grows without bound.
    if (e <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return silenceMicros > mean ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
  }
}
