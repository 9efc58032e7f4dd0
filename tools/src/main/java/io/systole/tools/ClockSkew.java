package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far apart the clocks of the nodes in a merge can be, as far as their journals tell. A node
 * journals its own claim or release of a group before it announces it, and a peer journals the
 * announcement after hearing it, so the apparent delay (receiver's entry time minus sender's) is
 * the true delay, at least 0, plus the receiver's clock offset from the sender's. The smallest
 * apparent delay from X to Y thus bounds Y's clock minus X's from above, and the smallest from Y to
 * X bounds it from below: with announcements both ways the skew lies in an interval (the NTP
 * argument), and a negative apparent delay proves a clock behind.
 *
 * <p>A received claim is matched with the sender's own claim of the same group and number, which is
 * unique unless the journals predate claim numbers; a release (and a claim that is not unique) with
 * the sender's nearest own entry of the same kind and group in time, which assumes a node releases
 * a group again only after much longer than the skew: those bounds are apparent, not proof. Only
 * announcements are kept, a few per failover, so the memory is small even for long journals.
 */
final class ClockSkew {
  /**
   * What the journals bound about {@code peer}'s clock minus {@code node}'s, in microseconds.
   *
   * @param minMicros the lower bound, or null when nothing went from {@code peer} to {@code node}
   * @param maxMicros the upper bound, or null when nothing went from {@code node} to {@code peer}
   * @param toPeer how many announcements of {@code node} {@code peer} journaled
   * @param toNode how many announcements of {@code peer} {@code node} journaled
   */
  record Pair(String node, String peer, Long minMicros, Long maxMicros, int toPeer, int toNode) {
    /**
     * The largest skew the interval allows either way, or null when it is open on a side or empty
     * (its bounds contradict: the nearest-in-time matching paired the wrong announcements).
     */
    Long boundMicros() {
      return minMicros == null || maxMicros == null || minMicros > maxMicros
          ? null
          : Math.max(Math.abs(minMicros), Math.abs(maxMicros));
    }

    /** In words: {@code clock ha2 - ha1 between -120ms and +3ms (4 and 3 announcements)}. */
    String text() {
      final String clocks = "clock " + EventText.quote(peer) + " - " + EventText.quote(node) + " ";
      final String seen = " (" + toPeer + " and " + toNode + " announcements)";
      if (minMicros == null && maxMicros == null) {
        return clocks + "unknown: no announcement between them matched";
      }
      if (minMicros == null) {
        return clocks + "at most " + signed(maxMicros) + seen;
      }
      if (maxMicros == null) {
        return clocks + "at least " + signed(minMicros) + seen;
      }
      if (minMicros > maxMicros) {
        return clocks
            + "inconsistent: at least "
            + signed(minMicros)
            + " but at most "
            + signed(maxMicros)
            + "; an announcement was matched with the wrong one"
            + seen;
      }
      return clocks + "between " + signed(minMicros) + " and " + signed(maxMicros) + seen;
    }

    private static String signed(final long micros) {
      return (micros < 0 ? "-" : "+") + TimeText.duration(Math.abs(micros));
    }
  }

  /** Own announcements: their kind, sender and group, to their entry times. */
  private final Map<Announcement, List<Long>> sent = new HashMap<>();

  /** Heard announcements: the receiving node, the key as in {@link #sent}, the entry time. */
  private final List<Heard> heard = new ArrayList<>();

  /** A claim or release by {@code sender}; a claim with its number, a release with -1. */
  private record Announcement(boolean claim, String sender, String group, long term) {}

  private record Heard(String receiver, Announcement key, long timeMicros) {}

  /** Notes {@code entry} if it is an announcement, sent or heard. */
  void add(final Entry entry) {
    final Event event = entry.event();
    final Announcement key;
    if (event instanceof PeerClaim c) {
      key = new Announcement(true, c.node(), c.group(), c.term());
    } else if (event instanceof PeerRelease r) {
      key = new Announcement(false, r.node(), r.group(), -1);
    } else {
      return;
    }
    if (key.sender().equals(entry.node())) {
      sent.computeIfAbsent(key, k -> new ArrayList<>()).add(entry.timeMicros());
    } else {
      heard.add(new Heard(entry.node(), key, entry.timeMicros()));
    }
  }

  /** The bounds for each pair of {@code nodes}, in the order given. */
  List<Pair> pairs(final List<String> nodes) {
    final Map<List<String>, Long> minDelay = new HashMap<>();
    final Map<List<String>, Integer> count = new HashMap<>();
    for (final List<Long> times : sent.values()) {
      Collections.sort(times);
    }
    for (final Heard h : heard) {
      final List<Long> times = sent.get(h.key());
      if (times == null) {
        continue; // the sender's journal is not in the merge, or it never sent this
      }
      final long delay = h.timeMicros() - nearest(times, h.timeMicros());
      final List<String> direction = List.of(h.key().sender(), h.receiver());
      minDelay.merge(direction, delay, Math::min);
      count.merge(direction, 1, Integer::sum);
    }
    final List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        final String x = nodes.get(i);
        final String y = nodes.get(j);
        final Long toY = minDelay.get(List.of(x, y));
        final Long toX = minDelay.get(List.of(y, x));
        pairs.add(
            new Pair(
                x,
                y,
                toX == null ? null : -toX,
                toY,
                count.getOrDefault(List.of(x, y), 0),
                count.getOrDefault(List.of(y, x), 0)));
      }
    }
    return pairs;
  }

  private static long nearest(final List<Long> sorted, final long t) {
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      if (sorted.get(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // lo: the first at or after t, or the last; the one before it may be nearer.
    final long after = sorted.get(lo);
    return lo > 0 && t - sorted.get(lo - 1) <= Math.abs(after - t) ? sorted.get(lo - 1) : after;
  }
}
