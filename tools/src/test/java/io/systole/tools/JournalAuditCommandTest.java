package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
            "entries  21 (index 0 to 20)",
            "first    2026-11-25 01:02:03.123456 UTC",
            "last     2026-11-25 01:02:23.123456 UTC",
            "result   21 entries, chain intact"),
        r.lines());
    assertEquals("", r.err());
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
