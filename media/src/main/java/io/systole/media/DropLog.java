package io.systole.media;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Logs a link's drops at most once per interval: the first drop of an interval is logged with the
 * count of drops suppressed since the previous line; the others are only counted. The link is the
 * source that is limited, not the sender's address: UDP sources can be forged, and keeping state
 * per forged address would let anyone grow our memory. Lock-free; safe from any thread.
 */
final class DropLog {
  private final String link;
  private final LongSupplier clock;
  private final long intervalNs;
  private final Consumer<String> sink;
  private final AtomicLong nextAt;
  private final AtomicLong suppressed = new AtomicLong();

  DropLog(
      final String link,
      final LongSupplier clock,
      final long intervalNs,
      final Consumer<String> sink) {
    this.link = link;
    this.clock = clock;
    this.intervalNs = intervalNs;
    this.sink = sink;
    this.nextAt = new AtomicLong(clock.getAsLong());
  }

  /** One frame was dropped for {@code reason}; {@code source} is the sender if known, else null. */
  void dropped(final DropReason reason, final SocketAddress source) {
    final long now = clock.getAsLong();
    final long next = nextAt.get();
    if (now - next >= 0 && nextAt.compareAndSet(next, now + intervalNs)) {
      final long more = suppressed.getAndSet(0);
      sink.accept(
          "link "
              + link
              + ": dropped a frame"
              + (source == null ? "" : " from " + source)
              + ": "
              + reason
              + (more == 0 ? "" : " (and " + more + " more drops since the last report)"));
    } else {
      suppressed.incrementAndGet();
    }
  }
}
