package io.systole.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drops are always counted but logged at most once per interval per link, on an adjustable clock.
 */
class DropLogTest {
  private long now = 1_000_000_000L;
  private final List<String> lines = new ArrayList<>();
  private final DropLog log =
      new DropLog("ucast eth0 10.0.0.2", () -> now, TimeUnit.SECONDS.toNanos(1), lines::add);
  private final InetSocketAddress from = new InetSocketAddress("10.0.0.2", 694);

  @Test
  void aFloodOfDropsIsLoggedOncePerSecondWithTheCountOfTheRest() {
    for (int i = 0; i < 1000; i++) {
      log.dropped(DropReason.OVERSIZED, from);
      now += 500_000; // 1000 drops in half a second
    }
    assertEquals(
        List.of("link ucast eth0 10.0.0.2: dropped a frame from " + from + ": OVERSIZED"), lines);

    now += TimeUnit.MILLISECONDS.toNanos(500);
    log.dropped(DropReason.MALFORMED, null);
    log.dropped(DropReason.MALFORMED, null);
    assertEquals(2, lines.size());
    assertEquals(
        "link ucast eth0 10.0.0.2: dropped a frame: MALFORMED"
            + " (and 999 more drops since the last report)",
        lines.get(1));
  }

  @Test
  void dropsAtLeastAnIntervalApartAreEachLogged() {
    for (int i = 0; i < 3; i++) {
      log.dropped(DropReason.TRUNCATED, null);
      now += TimeUnit.SECONDS.toNanos(1);
    }
    assertEquals(3, lines.size());
  }

  @Test
  void theLimitIsPerLink() {
    final DropLog other =
        new DropLog("serial /dev/ttyS0", () -> now, TimeUnit.SECONDS.toNanos(1), lines::add);
    log.dropped(DropReason.OVERSIZED, from);
    other.dropped(DropReason.TRUNCATED, null);
    log.dropped(DropReason.OVERSIZED, from);
    other.dropped(DropReason.TRUNCATED, null);
    assertEquals(2, lines.size());
  }
}
