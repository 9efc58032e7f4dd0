package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.NodeUp;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAuditCommandTest {
  @TempDir Path tmp;

  @Test
  void intactJournalPrintsItsRangeAndExitsZero() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Systole.Result r = Systole.journal(0, "audit", dir, "--utc");
    assertEquals(
        List.of(
            "journal  " + dir,
            "node     ha1",
            "entries  23 (index 0 to 22)",
            "first    2026-11-25 01:02:03.123456 UTC",
            "last     2026-11-25 01:02:25.123456 UTC",
            "signed   1 checkpoint; signatures not checked: give the node's --public-key",
            "result   23 entries, chain intact"),
        r.lines());
    assertEquals("", r.err());
  }

  @Test
  void withTheNodesPublicKeyEverySignatureIsVerified() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Path pub = SampleJournals.publicKey(tmp.resolve("ha1.pub"));
    final Systole.Result r = Systole.journal(0, "audit", dir, "--public-key", pub.toString());
    assertTrue(
        r.lines()
            .contains("signed   1 checkpoint; signatures verified: entries to #21 are the node's"),
        r::toString);
  }

  @Test
  void entriesAfterTheLastCheckpointAreNamedUnsigned() {
    final List<Event> events = new ArrayList<>(SampleJournals.tamperable());
    events.add(2, SampleJournals.SIGNED);
    final Path dir = SampleJournals.ha1(tmp, events);
    final Path pub = SampleJournals.publicKey(tmp.resolve("ha1.pub"));
    final Systole.Result r = Systole.journal(0, "audit", dir, "--public-key", pub.toString());
    assertTrue(
        r.lines()
            .contains(
                "signed   1 checkpoint; signatures verified: entries to #1 are the node's;"
                    + " the 3 after them are not signed yet"),
        r::toString);
  }

  @Test
  void aCheckpointByAnotherKeyOrNoneAtAllIsAFindingWhenAKeyIsGiven() throws IOException {
    final Path signed = SampleJournals.ha1(tmp, SampleJournals.everyType());
    final Path other =
        SampleJournals.publicKey(
            tmp.resolve("other.pub"), new Ed25519PrivateKeyParameters(new SecureRandom()));
    final Systole.Result r = Systole.journal(1, "audit", signed, "--public-key", other.toString());
    assertTrue(r.out().contains("finding  #22 checkpoint signed by key "), r::toString);
    assertTrue(r.out().contains("not among the public keys given"), r::toString);

    final Path unsigned =
        SampleJournals.write(tmp.resolve("ha2"), "ha2", SampleJournals.tamperable());
    final Systole.Result none =
        Systole.journal(1, "audit", unsigned, "--public-key", other.toString());
    assertTrue(
        none.lines().contains("finding  no checkpoint: nothing in this journal is signed"),
        none::toString);

    final Systole.Result notAKey =
        Systole.journal(2, "audit", unsigned, "--public-key", unsigned.toString());
    assertTrue(notAKey.err().contains(unsigned + ": no such file"), notAKey::toString);
  }

  @Test
  void aDaemonStartWithoutAStopBeforeTheNextIsACrashFinding() {
    final Path dir =
        SampleJournals.ha1(
            tmp,
            List.of(
                new DaemonStarted("0.1.0", 1),
                new NodeUp("ha2", "eth0"),
                new DaemonStarted("0.1.0", 2),
                new DaemonStopped("SIGTERM")));
    final Systole.Result r = Systole.journal(1, "audit", dir);
    assertTrue(
        r.lines()
            .contains(
                "finding  #0 crash: the daemon that started here has no stop before the next"
                    + " start at index 2"),
        r::toString);
    assertTrue(r.lines().contains("result   4 entries, chain intact"), r::toString);
  }

  @Test
  void emptyJournalIsIntact() {
    final Path dir = SampleJournals.ha1(tmp, List.of());
    final Systole.Result r = Systole.journal(0, "audit", dir);
    assertEquals(
        List.of(
            "journal  " + dir, "node     ha1", "entries  0", "result   0 entries, chain intact"),
        r.lines());
    Systole.journal(0, "dump", dir);
  }

  @Test
  void localTimesCarryTheirZone() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    final Systole.Result r = Systole.journal(0, "audit", dir);
    assertTrue(
        r.lines().get(3).matches("first    2026-11-2\\d \\d\\d:\\d\\d:03\\.123456 \\S+"),
        r::toString);
  }

  @Test
  void tamperedEntryIsAFindingNamingItsIndex() {
    final Path dir = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    SampleJournals.tamper(dir);
    final Systole.Result r = Systole.journal(1, "audit", dir, "--utc");
    assertTrue(
        r.lines().contains("entries  2 verified (index 0 to 1); 5 stored (index 0 to 4)"),
        r::toString);
    final String result = r.lines().get(r.lines().size() - 1);
    assertTrue(result.startsWith("result   chain broken at index 2: "), r::toString);
    assertTrue(result.contains("journal entry 2 is corrupt"), r::toString);
  }

  @Test
  void everyDirectoryIsAuditedAndTheWorstStatusWins() throws IOException {
    final Path good = SampleJournals.ha1(tmp, SampleJournals.tamperable());
    final Path bad = SampleJournals.write(tmp.resolve("ha2"), "ha2", SampleJournals.tamperable());
    SampleJournals.tamper(bad);
    final Systole.Result r = Systole.run("journal", "audit", bad.toString(), good.toString());
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.out().contains("node     ha2"), r::toString);
    assertTrue(r.out().contains("node     ha1"), r::toString);
    assertTrue(r.out().contains("result   5 entries, chain intact"), r::toString);

    final Path notJournal = SampleJournals.notAJournal(tmp.resolve("etc"));
    final Systole.Result worse =
        Systole.run("journal", "audit", bad.toString(), notJournal.toString(), good.toString());
    assertEquals(2, worse.status(), worse::toString);
    assertTrue(worse.out().contains("node     ha1"), worse::toString);
  }
}
