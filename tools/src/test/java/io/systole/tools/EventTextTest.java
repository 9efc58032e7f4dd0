package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.systole.journal.Entry;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Event;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTextTest {
  private final EventText text = new EventText(new TimeText(TimeText.UTC));

  @Test
  void entryLineHasIndexTimeNodeTypeAndFields() {
    final Event dead =
        new NodeDead(
            "ha2",
            5_000_000,
            false,
            3,
            List.of(
                new LinkEvidence("bcast eth1", SampleJournals.micros("2026-11-25T01:02:01.100Z")),
                new LinkEvidence("serial /dev/ttyS0", LinkEvidence.NEVER)));
    assertEquals(
        "42 2026-11-25 01:02:03.123456 UTC ha1 NodeDead node=ha2 deadtime=5s"
            + " initdeadInForce=false heartbeatsInWindow=3"
            + " links=[bcast eth1 last heard 01:02:01.100, serial /dev/ttyS0 never heard]",
        text.entry(new Entry(42, SampleJournals.T0, "ha1", dead)));
  }

  @Test
  void instantsAndDurationsInMicrosDropTheSuffix() {
    final long at = SampleJournals.micros("2026-11-25T00:00:02Z");
    final long heard = SampleJournals.micros("2026-11-24T23:59:57.500Z");
    assertEquals(
        "LinkDead node=ha2 link=\"bcast eth1\" lastHeard=2026-11-24 23:59:57.500 deadtime=4500ms",
        text.event(new LinkDead("ha2", "bcast eth1", heard, 4_500_000), at));
    assertEquals(
        "LinkDead node=ha2 link=ucast lastHeard=never deadtime=250us",
        text.event(new LinkDead("ha2", "ucast", -1, 250), at));
  }

  @Test
  void timesFollowTheChosenZone() {
    final EventText paris = new EventText(new TimeText(ZoneId.of("Europe/Paris")));
    assertEquals(
        "0 2026-11-25 02:02:03.123456 CET ha1 NodeUp node=ha2 link=\"bcast eth1\"",
        paris.entry(new Entry(0, SampleJournals.T0, "ha1", new NodeUp("ha2", "bcast eth1"))));
  }

  @Test
  void textIsQuotedWhenItIsNotOneWordAndNeverDrivesTheTerminal() {
    assertEquals("ha1", EventText.quote("ha1"));
    assertEquals("\"\"", EventText.quote(""));
    assertEquals("\"a=b\"", EventText.quote("a=b"));
    assertEquals("\"say \\\"hi\\\" \\\\o/\"", EventText.quote("say \"hi\" \\o/"));
    assertEquals("\"x\\u001b[2Jy\"", EventText.quote("x\u001b[2Jy"));
    assertEquals("evil\\u202etxt.exe\\n", EventText.escape("evil\u202etxt.exe\n"));
    final String line = text.event(new ConfigLoaded("/etc/ha.d/ha.cf\r\u0007", "ab"), 0);
    assertEquals(
        "ConfigLoaded source=\"/etc/ha.d/ha.cf\\r\\u0007\" sha256=ab nodes=[] groups=[]"
            + " failback=legacy fenceAgent=\"\" guards={ quorum=off votes=[] tiebreaker=\"\""
            + " fenceDelay=0s pingGroups=[] }",
        line);
  }

  @Test
  void durationsUseTheLargestWholeUnit() {
    assertEquals("0s", TimeText.duration(0));
    assertEquals("5s", TimeText.duration(5_000_000));
    assertEquals("1500ms", TimeText.duration(1_500_000));
    assertEquals("1001us", TimeText.duration(1_001));
    assertEquals("-2s", TimeText.duration(-2_000_000));
  }

  @Test
  void everyEventTypeReadsAsWords() {
    SampleJournals.assertEveryTypeCovered();
    for (final Event event : SampleJournals.everyType()) {
      final String line = text.event(event, SampleJournals.T0);
      final String type = event.getClass().getSimpleName();
      assertEquals(type, line.substring(0, line.indexOf(' ')), line);
      assertFalse(line.contains("Micros"), line);
      assertFalse(line.contains("io.systole"), line);
    }
  }
}
