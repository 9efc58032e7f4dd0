package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal replay} over ha1's journal of the {@link Incident}, written by the real logic. */
class JournalReplayCommandTest {
  private static final String START_REASON =
      "start-preferred: group web preferred ha1; held by nobody; auto_failback off";

  /** What replay prints for ha1's journal; line 2, the ConfigLoaded entry, is dump's line 1. */
  private static final List<String> REPLAY =
      List.of(
          "0 2026-11-25 01:02:03.123456 UTC ha1 DaemonStarted version=0.1.0 pid=101",
          "  changed node ha1 daemon never_started -> running",
          "(dump line 1)",
          "  changed config sha256 - -> 9f86d081884c7d65",
          "  changed node ha1 status - -> up",
          "  changed node ha2 status - -> unknown",
          "  changed group web here - -> stopped",
          "  changed group db here - -> stopped",
          "2 2026-11-25 01:02:05.123456 UTC ha1 NodeUp node=ha2 link=\"bcast eth1\"",
          "  changed node ha2 status unknown -> up",
          "  changed link ha2 \"bcast eth1\" - -> up",
          "  changed node ha1 ready no -> yes",
          "3 2026-11-25 01:02:06.123456 UTC ha1 PeerStatus node=ha2 ready=true failed=[]"
              + " standby=[] takeover=[] hears=[*] pings=[] leaving=false",
          "  changed node ha2 ready no -> yes",
          "  decides claim web (announce-claim: group web taken by ha1)",
          "  decides start web (" + START_REASON + ")",
          // No decision between the two actions of one round: the node did not ask there.
          "4 2026-11-25 01:02:06.123456 UTC ha1 PeerClaim node=ha1 group=web term=1",
          "  changed group web claimedBy none -> ha1",
          "5 2026-11-25 01:02:06.123456 UTC ha1 GroupStart group=web phase=requested detail=\""
              + START_REASON
              + "\"",
          "  changed group web here stopped -> starting",
          "6 2026-11-25 01:02:06.623456 UTC ha1 PeerClaim node=ha2 group=db term=1",
          "  changed group db claimedBy none -> ha2",
          "7 2026-11-25 01:02:07.123456 UTC ha1 GroupStart group=web phase=succeeded detail=\"\"",
          "  changed group web here starting -> running");

  @TempDir Path tmp;

  private List<String> expected(final Path dir) {
    final String config = Systole.journal(0, "dump", dir, "--utc").lines().get(1);
    assertTrue(config.startsWith("1 2026-11-25 01:02:04.123456 UTC ha1 ConfigLoaded "), config);
    return REPLAY.stream().map(l -> l.equals("(dump line 1)") ? config : l).toList();
  }

  @Test
  void printsEachEntryWithWhatItChangedAndWhatThePolicyDecided() {
    final Path dir = Incident.ha1(tmp);
    final Systole.Result r = Systole.journal(0, "replay", dir, "--utc");
    assertEquals(expected(dir), r.lines(), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void fromAndToByIndexOrTimeShowPartOfTheReplayFoldedFromTheStart() {
    final Path dir = Incident.ha1(tmp);
    final List<String> entries3to5 = expected(dir).subList(12, 20);
    final String[][] ranges = {
      {"--from", "3", "--to", "5"},
      {"--from", "01:02:06", "--to", "01:02:06.2"},
      {"--from", "2026-11-25T01:02:06Z", "--to", "2026-11-25T01:02:06.123456Z"},
      {"--from", "2026-11-25 01:02:06.123456 UTC", "--to", "5"},
      {"--from", "2026-11-25T01:02:05.5", "--to", "2026-11-25T01:02:06.5"}
    };
    for (final String[] range : ranges) {
      final String[] options = {"--utc", range[0], range[1], range[2], range[3]};
      final Systole.Result r = Systole.journal(0, "replay", dir, options);
      assertEquals(entries3to5, r.lines(), () -> String.join(" ", range) + "\n" + r);
    }
    final Systole.Result last = Systole.journal(0, "replay", dir, "--utc", "--from", "7");
    assertEquals(expected(dir).subList(22, 24), last.lines());
  }

  @Test
  void jsonIsOneObjectPerEntryWithChangesAndDecisions() {
    final Path dir = Incident.ha1(tmp);
    final Systole.Result r = Systole.journal(0, "replay", dir, "--utc", "--json");
    assertEquals(8, r.lines().size(), r::toString);
    final Object three = Json.parse(r.lines().get(3));
    assertEquals("entry", Json.at(three, "type"));
    assertEquals("ha1", Json.at(three, "node"));
    assertEquals(3L, Json.at(three, "index"));
    assertEquals(SampleJournals.T0 + 3_000_000, Json.at(three, "timeMicros"));
    assertEquals("2026-11-25 01:02:06.123456 UTC", Json.at(three, "time"));
    assertEquals("PeerStatus", Json.at(three, "event"));
    assertEquals(
        "PeerStatus node=ha2 ready=true failed=[] standby=[] takeover=[]"
            + " hears=[*] pings=[] leaving=false",
        Json.at(three, "text"));
    assertEquals(
        Map.of("kind", "node", "name", "ha2", "field", "ready", "before", "no", "after", "yes"),
        Json.at(three, "changes", 0));
    assertEquals("claim", Json.at(three, "decisions", 0, "action"));
    assertEquals("web", Json.at(three, "decisions", 0, "target"));
    assertEquals("start", Json.at(three, "decisions", 1, "action"));
    assertEquals("start-preferred", Json.at(three, "decisions", 1, "rule"));
    assertEquals(START_REASON, Json.at(three, "decisions", 1, "reason"));
    assertEquals(
        "GroupStart group=web phase=requested detail=\"" + START_REASON + "\"",
        Json.at(three, "decisions", 1, "event"));
    final Object four = Json.parse(r.lines().get(4));
    assertEquals(List.of(), Json.at(four, "decisions"));
    final Object one = Json.parse(r.lines().get(1));
    assertEquals(null, Json.at(one, "changes", 0, "name"));
    assertEquals(null, Json.at(one, "changes", 0, "before"));
  }

  @Test
  void atPrintsTheWholeStateAfterAnIndexOrTheLastEntryBeforeATime() {
    final Path dir = Incident.ha1(tmp);
    final List<String> state =
        List.of(
            "state of ha1 after entry 5 at 2026-11-25 01:02:06.123456 UTC",
            "daemon running, ready yes, config 9f86d081884c7d65, auto_failback off, fencing none",
            "node ha1 (this node) up since 01:02:04.123, ready yes, fence none, links none",
            "node ha2 up since 01:02:05.123, ready yes, fence none, links \"bcast eth1\" up",
            "group web here starting since 01:02:06.123, preferred ha1, claimedBy ha1,"
                + " failedOn none, standbyOn none, takeoverOn none, recovery none",
            "group db here stopped since 01:02:04.123, preferred ha2, claimedBy none,"
                + " failedOn none, standbyOn none, takeoverOn none, recovery none");
    assertEquals(state, Systole.journal(0, "replay", dir, "--utc", "--at", "5").lines());
    assertEquals(state, Systole.journal(0, "replay", dir, "--utc", "--at", "01:02:06.5").lines());

    final Systole.Result json = Systole.journal(0, "replay", dir, "--at", "6", "--json");
    assertEquals(1, json.lines().size(), json::toString);
    final Object s = Json.parse(json.out());
    assertEquals("state", Json.at(s, "type"));
    assertEquals(6L, Json.at(s, "index"));
    assertEquals(true, Json.at(s, "ready"));
    assertEquals(true, Json.at(s, "nodes", 0, "self"));
    assertEquals("bcast eth1", Json.at(s, "nodes", 1, "links", 0, "link"));
    assertEquals("starting", Json.at(s, "groups", 0, "here"));
    assertEquals(List.of("ha1"), Json.at(s, "groups", 0, "claimedBy"));
    assertEquals(List.of("ha2"), Json.at(s, "groups", 1, "claimedBy"));
  }

  @Test
  void checkPassesOnWhatTheLogicWrote() {
    final Path dir = Incident.ha1(tmp);
    final Systole.Result r = Systole.journal(0, "replay", dir, "--check");
    assertEquals(
        List.of("replay check passed: 8 entries, every recorded decision re-derived"), r.lines());
  }

  @Test
  void checkNamesTheIndexOfADecisionThePolicyDoesNotDerive() {
    final Path dir = Incident.ha1(tmp);
    Incident.append(dir, "ha1", new GroupStop("web", Phase.REQUESTED, "stop-yield: made up"));
    final Systole.Result r = Systole.journal(1, "replay", dir, "--check");
    assertEquals(1, r.lines().size(), r::toString);
    assertTrue(
        r.lines().get(0).startsWith("replay check failed at index 8: the node recorded GroupStop"),
        r::toString);
    assertTrue(r.lines().get(0).endsWith("but replay derives no action"), r::toString);
    assertTrue(
        r.lines().get(0).contains("recorded GroupStop group=web phase=requested detail="),
        "events print as dump prints them: " + r);

    final Object json = Json.parse(Systole.journal(1, "replay", dir, "--check", "--json").out());
    assertEquals(false, Json.at(json, "passed"));
    assertEquals(9L, Json.at(json, "entries"));
    assertEquals(8L, Json.at(json, "index"));
  }

  @Test
  void everyEventTypeReplays() {
    SampleJournals.assertEveryTypeCovered();
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Systole.Result r = Systole.journal(0, "replay", dir, "--utc");
    final List<String> entries = r.lines().stream().filter(l -> !l.startsWith("  ")).toList();
    assertEquals(Systole.journal(0, "dump", dir, "--utc").lines(), entries, r::toString);
  }

  @Test
  void replayStopsAtADamagedEntryNamingItsIndex() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    SampleJournals.tamper(dir);
    final Systole.Result r = Systole.journal(1, "replay", dir, "--utc");
    final List<String> entries = r.lines().stream().filter(l -> !l.startsWith("  ")).toList();
    assertEquals(2, entries.size(), r::toString);
    assertTrue(entries.get(1).startsWith("1 2026-11-25 01:02:04.123456 UTC ha1 NodeUp "));
    assertTrue(
        r.err().startsWith("systole journal replay: cannot replay " + dir + ": journal entry 2"),
        r::toString);
  }

  @Test
  void anEmptyJournalIsAUsageError() {
    final Path dir = tmp.resolve("empty");
    ChronicleJournal.open(dir, ChronicleOptions.forNode("ha1")).close();
    final Systole.Result r = Systole.journal(2, "replay", dir);
    assertEquals(
        "systole journal replay: "
            + dir
            + " is a journal with no entries (node ha1); give a"
            + " journal the daemon has written to",
        r.err().strip());
  }

  @Test
  void anIndexOutOfRangeOrATimeBeforeTheJournalIsAUsageError() {
    final Path dir = Incident.ha1(tmp);
    assertEquals(
        "systole journal replay: --from 99: no such entry; the journal holds index 0 to 7"
            + " (see 'systole journal dump')",
        Systole.journal(2, "replay", dir, "--from", "99").err().strip());
    assertTrue(
        Systole.journal(2, "replay", dir, "--at", "8").err().contains("--at 8: no such entry"));
    assertEquals(
        "systole journal replay: --at 01:00:00: before the journal's first entry, at"
            + " 2026-11-25 01:02:03.123456 UTC",
        Systole.journal(2, "replay", dir, "--utc", "--at", "01:00:00").err().strip());
  }

  @Test
  void aMalformedTimeIsOneLineNamingTheOptionAndTheForms() {
    final Path dir = Incident.ha1(tmp);
    final Systole.Result r = Systole.journal(2, "replay", dir, "--to", "tomorrow");
    final String err = r.err().strip();
    assertTrue(
        err.startsWith("systole journal replay: --to 'tomorrow' is not an index or a time;"), err);
    assertTrue(err.contains("2026-11-25T07:25:38Z"), err);
    assertFalse(err.contains("\n"), err);
    assertEquals("", r.out());
  }

  @Test
  void atCheckAndARangeDoNotCombine() {
    final Path dir = Incident.ha1(tmp);
    final Systole.Result r = Systole.journal(2, "replay", dir, "--at", "3", "--from", "2");
    assertTrue(r.err().contains("--at, --check and --from/--to"), r::toString);
  }
}
