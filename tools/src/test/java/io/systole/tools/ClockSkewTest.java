package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.systole.journal.Entry;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
  private static final long MS = 1000;

  private static Entry at(final long millis, final String node, final Object event) {
    return new Entry(0, millis * MS, node, (io.systole.journal.event.Event) event);
  }

  @Test
  void announcementsOneWayBoundTheSkewOnOneSideOnly() {
    final ClockSkew skew = new ClockSkew();
    skew.add(at(1000, "ha1", new PeerClaim("ha1", "web", 1)));
    skew.add(at(1020, "ha2", new PeerClaim("ha1", "web", 1))); // heard 20 ms later
    skew.add(at(5000, "ha1", new PeerRelease("ha1", "web")));
    skew.add(at(5030, "ha2", new PeerRelease("ha1", "web")));
    final ClockSkew.Pair pair = skew.pairs(List.of("ha1", "ha2")).get(0);
    assertNull(pair.minMicros());
    assertEquals(20 * MS, pair.maxMicros());
    assertNull(pair.boundMicros());
    assertEquals("clock ha2 - ha1 at most +20ms (2 and 0 announcements)", pair.text());
  }

  @Test
  void aReceivedAnnouncementMatchesTheSendersNearestOfItsKindAndGroup() {
    final ClockSkew skew = new ClockSkew();
    skew.add(at(1000, "ha1", new PeerClaim("ha1", "web", 1)));
    skew.add(at(9000, "ha1", new PeerClaim("ha1", "web", 1)));
    skew.add(at(8990, "ha1", new PeerClaim("ha1", "db", 1))); // another group: not a match
    skew.add(at(8900, "ha2", new PeerClaim("ha1", "web", 1))); // nearest: 9000, 100 ms early
    skew.add(at(100, "ha1", new PeerClaim("ha2", "db", 1)));
    skew.add(
        at(-60, "ha2", new PeerClaim("ha2", "db", 1))); // ha1 heard it 160 ms after it was sent
    final ClockSkew.Pair pair = skew.pairs(List.of("ha1", "ha2")).get(0);
    assertEquals(-160 * MS, pair.minMicros());
    assertEquals(-100 * MS, pair.maxMicros());
    assertEquals(160 * MS, pair.boundMicros());
    assertEquals("clock ha2 - ha1 between -160ms and -100ms (1 and 1 announcements)", pair.text());
  }

  @Test
  void aReceivedClaimMatchesTheSendersClaimOfTheSameNumberNotTheNearest() {
    final ClockSkew skew = new ClockSkew();
    skew.add(at(1000, "ha1", new PeerClaim("ha1", "web", 1)));
    skew.add(at(1300, "ha1", new PeerClaim("ha1", "web", 2))); // nearer to what ha2 heard...
    skew.add(at(1250, "ha2", new PeerClaim("ha1", "web", 1))); // ...but this is claim 1
    final ClockSkew.Pair pair = skew.pairs(List.of("ha1", "ha2")).get(0);
    assertEquals(250 * MS, pair.maxMicros(), "not -50 ms: the number names the claim");
  }

  @Test
  void boundsThatContradictEachOtherAreReportedNotBelieved() {
    final ClockSkew skew = new ClockSkew();
    skew.add(at(1000, "ha1", new PeerClaim("ha1", "web", 1)));
    skew.add(at(900, "ha2", new PeerClaim("ha1", "web", 1))); // ha2 at least 100 ms behind
    skew.add(at(2000, "ha2", new PeerClaim("ha2", "db", 1)));
    skew.add(at(2010, "ha1", new PeerClaim("ha2", "db", 1))); // ha2 at most 10 ms behind
    final ClockSkew.Pair pair = skew.pairs(List.of("ha1", "ha2")).get(0);
    assertNull(pair.boundMicros());
    assertEquals(
        "clock ha2 - ha1 inconsistent: at least -10ms but at most -100ms; an announcement was"
            + " matched with the wrong one (1 and 1 announcements)",
        pair.text());
  }
}
