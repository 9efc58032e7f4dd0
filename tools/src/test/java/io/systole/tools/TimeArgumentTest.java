package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeArgumentTest {
  /** 2026-11-25 01:02:05.123456 UTC: entry 2 of the sample journals. */
  private static final long ENTRY_2 = SampleJournals.T0 + 2_000_000;

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void digitsAreAnIndex() {
    final TimeArgument a = TimeArgument.parse("42");
    assertTrue(a.isIndex());
    assertEquals(42, a.index());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T01:02:05.123456Z",
        "2026-11-25T02:02:05.123456+01:00",
        "2026-11-25T02:02:05.123456", // in Paris, one hour ahead of UTC in November
        "02:02:05.123456", // that day in Paris
        "2026-11-25 01:02:05.123456 UTC", // as the tools print it
        "2026-11-25 02:02:05.123456 CET"
      })
  void everyFormNamesTheSameInstant(final String text) {
    final TimeArgument a = TimeArgument.parse(text);
    assertFalse(a.isIndex());
    assertEquals(ENTRY_2, a.micros(PARIS, SampleJournals.T0), text);
  }

  @Test
  void aTimeOfDayIsOnTheDayOfTheFirstEntryInTheZoneTheToolPrintsIn() {
    // 01:02:03 UTC on the 25th is still the 25th in Paris, and the 24th in New York.
    final TimeArgument a = TimeArgument.parse("23:00:00");
    assertEquals(
        SampleJournals.micros("2026-11-25T23:00:00Z"), a.micros(TimeText.UTC, SampleJournals.T0));
    assertEquals(
        SampleJournals.micros("2026-11-25T04:00:00Z"),
        a.micros(ZoneId.of("America/New_York"), SampleJournals.T0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "yesterday", "2026-13-01T00:00:00Z", "25:00", "1.5"})
  void anythingElseIsRefusedWithTheFormsItTakes(final String text) {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeArgument.parse(text));
    assertTrue(
        e.getMessage().startsWith("'" + text + "' is not an index or a time; "), e::getMessage);
    assertTrue(e.getMessage().contains("2026-11-25T07:25:38Z"), e::getMessage);
  }
}
