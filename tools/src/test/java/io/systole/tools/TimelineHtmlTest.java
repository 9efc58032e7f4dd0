package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import io.systole.tools.TimelineModel.Limits;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TimelineHtml} without a browser: the page fetches nothing, puts every element at the x its
 * data attributes' times give, escapes journal text, and says what the caps left out.
 */
class TimelineHtmlTest {
  private static final TimeText UTC = new TimeText(TimeText.UTC);
  private static final Pattern PLACED =
      Pattern.compile(
          "data-start-micros=\"(\\d+)\"(?: data-end-micros=\"(\\d+)\")?[^>]*?"
              + "(?:x=\"([\\d.]+)\" y=\"\\d+\" width=\"([\\d.]+)\"|translate\\(([\\d.]+),)");

  @TempDir Path tmp;

  private static String page(final TimelineModel model) throws IOException {
    final StringWriter out = new StringWriter();
    new TimelineHtml(model, UTC, List.of("a note")).write(out);
    return out.toString();
  }

  private TimelineModel failover() {
    return TimelineModelTest.model(
        List.of("ha1", "ha2"),
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        Limits.DEFAULT,
        Incident.failoverHa1(tmp),
        Incident.ha2(tmp));
  }

  @Test
  void thePageFetchesNothing() throws IOException {
    final String html = page(failover());
    // The svg namespace is a name, not an address: the script creates tick elements in it.
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), html);
    assertFalse(Pattern.compile("\\s(src|href)=").matcher(html).find(), "no src or href");
    assertFalse(html.replace("url(#plot-clip)", "").contains("url("), "no url() but the clip");
    assertFalse(html.contains("@import") || html.contains("fetch(") || html.contains("<link"));
  }

  @Test
  void everyPlacedElementIsAtTheXItsTimeGives() throws IOException {
    final TimelineModel model = failover();
    final String html = page(model);
    assertTrue(
        html.contains(
            "data-left=\"190\" data-width=\"1150\" data-t0-micros=\""
                + model.startMicros()
                + "\" data-t1-micros=\""
                + model.endMicros()
                + "\""),
        html);
    final double scale = 1150.0 / (model.endMicros() - model.startMicros());
    final Matcher m = PLACED.matcher(html);
    int placed = 0;
    while (m.find()) {
      final double x0 = 190 + (Long.parseLong(m.group(1)) - model.startMicros()) * scale;
      if (m.group(5) != null) {
        assertEquals(x0, Double.parseDouble(m.group(5)), 0.001, m.group());
      } else {
        final double x1 = 190 + (Long.parseLong(m.group(2)) - model.startMicros()) * scale;
        assertEquals(x0, Double.parseDouble(m.group(3)), 0.001, m.group());
        assertEquals(x1 - x0, Double.parseDouble(m.group(4)), 0.001, m.group());
      }
      placed++;
    }
    // 23 markers, 6 owner bars, 10 status intervals.
    assertEquals(23 + 6 + 10, placed);
  }

  @Test
  void journalTextIsEscaped() throws IOException {
    final String evil = "<img src=x onerror=\"alert(1)\">";
    final TimelineBuilder builder =
        new TimelineBuilder(List.of(evil), UTC, Long.MIN_VALUE, Long.MAX_VALUE, Limits.DEFAULT);
    final long t = SampleJournals.T0;
    builder.add(
        new Entry(0, t, evil, new GroupStart(evil, Phase.REQUESTED, "")),
        List.of(new StateDiff.Change("group", evil, "here", "stopped", "starting")));
    builder.add(new Entry(1, t + 1, evil, new NodeUp("ha2", "bcast eth1")), List.of());
    final String html = page(builder.build());
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"), html);
  }

  @Test
  void thePageSaysWhatTheCapsLeftOut() throws IOException {
    final TimelineModel model =
        TimelineModelTest.model(
            List.of("ha1", "ha2"),
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            new Limits(10, 3),
            Incident.failoverHa1(tmp),
            Incident.ha2(tmp));
    final String html = page(model);
    assertTrue(html.contains("<li>a note</li>"), html);
    assertTrue(
        html.contains(
            "Node ha1: 12 markers from index 3 on are not drawn: the page holds at most 10"
                + " markers (journal replay shows every entry)."),
        html);
    assertTrue(html.contains("intervals are not drawn"), html);
  }
}
