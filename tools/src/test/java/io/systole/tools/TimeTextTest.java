package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How lengths of time print: exact in the journal tools' fields, readable in summaries. */
class TimeTextTest {
  @Test
  void aDurationIsExactInItsLargestWholeUnit() {
    assertEquals("5s", TimeText.duration(5_000_000));
    assertEquals("1500ms", TimeText.duration(1_500_000));
    assertEquals("4894879us", TimeText.duration(4_894_879));
  }

  @Test
  void aSpanIsShortAndKeepsWholeUnitsAsTheyAre() {
    assertEquals("4.895s", TimeText.span(4_894_879));
    assertEquals("12.3ms", TimeText.span(12_345));
    assertEquals("850us", TimeText.span(850));
    assertEquals("8s", TimeText.span(8_000_000));
    assertEquals("1500ms", TimeText.span(1_500_000));
  }
}
