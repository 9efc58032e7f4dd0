package io.systole.engine.agent;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dropped messages by reason, and logs each kind of drop at most once a second per link with
 * how many were dropped meanwhile, so a flood cannot flood the log. Written by the ring's threads,
 * read by status: the counters are atomic, the log throttle belongs to one writer thread per link.
 */
public final class DropCounters {
  private static final Logger LOG = LoggerFactory.getLogger(DropCounters.class);
  private static final Drop[] DROPS = Drop.values();
  private static final long LOG_EVERY_NANOS = 1_000_000_000L;

  private final AtomicLongArray counts = new AtomicLongArray(DROPS.length);
  private final long[] lastLogged;
  private final long[] unlogged;
  private final String[] linkNames;

  /** Counters for links named {@code linkNames}, by id. */
  public DropCounters(final String[] linkNames) {
    this.linkNames = linkNames.clone();
    this.lastLogged = new long[linkNames.length + 1];
    this.unlogged = new long[linkNames.length + 1];
    java.util.Arrays.fill(lastLogged, Long.MIN_VALUE / 2);
  }

  /** A drop of {@code why} on link {@code link} (-1 when no link applies), with a detail. */
  void drop(final Drop why, final int link, final String detail, final long nanoTime) {
    counts.incrementAndGet(why.ordinal());
    if (why == Drop.OWN || why == Drop.NOT_FOR_US) {
      // Expected traffic, not worth a line: one ha.cf for all nodes lists our own address, and a
      // Heartbeat node acknowledges its own messages (NS_ackmsg dest=itself) every ten messages,
      // to every node.
      return;
    }
    final int slot = link < 0 ? linkNames.length : link;
    if (nanoTime - lastLogged[slot] < LOG_EVERY_NANOS) {
      unlogged[slot]++;
      return;
    }
    LOG.warn(
        "dropped a message on {}: {}{}{}",
        link < 0 ? "the inbound ring" : linkNames[link],
        why,
        detail == null ? "" : " (" + detail + ")",
        unlogged[slot] == 0 ? "" : "; " + unlogged[slot] + " more drops on it in the last second");
    lastLogged[slot] = nanoTime;
    unlogged[slot] = 0;
  }

  /** How many messages were dropped for {@code why}. */
  public long count(final Drop why) {
    return counts.get(why.ordinal());
  }

  /** The counters that are not zero, by reason. */
  public Map<Drop, Long> snapshot() {
    final Map<Drop, Long> out = new EnumMap<>(Drop.class);
    for (final Drop d : DROPS) {
      final long n = counts.get(d.ordinal());
      if (n != 0) {
        out.put(d, n);
      }
    }
    return out;
  }
}
