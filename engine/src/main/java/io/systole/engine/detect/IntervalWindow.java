package io.systole.engine.detect;

/**
 * The last N heartbeat inter-arrival intervals of a link, with their mean and variance kept up to
 * date as intervals come and go: a ring of primitives, no allocation after construction.
 */
final class IntervalWindow {
  private final long[] ring;
  private int head;
  private int count;
  private double sum;
  private double sumOfSquares;

  IntervalWindow(final int size) {
    this.ring = new long[Math.max(1, size)];
  }

  void add(final long intervalMicros) {
    if (count == ring.length) {
      final long old = ring[head];
      sum -= old;
      sumOfSquares -= (double) old * old;
    } else {
      count++;
    }
    ring[head] = intervalMicros;
    head = (head + 1) % ring.length;
    sum += intervalMicros;
    sumOfSquares += (double) intervalMicros * intervalMicros;
  }

  int count() {
    return count;
  }

  double mean() {
    return count == 0 ? 0 : sum / count;
  }

  double variance() {
    if (count < 2) {
      return 0;
    }
    final double mean = mean();
    return Math.max(0, sumOfSquares / count - mean * mean);
  }
}
