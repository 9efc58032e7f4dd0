package io.systole.tools;

import io.systole.tools.TimelineModel.Lane;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link TimelineModel} as one self-contained HTML page: the template {@code
 * timeline.html} (a resource next to this class, holding the CSS, the zoom script and the test
 * hook, and documenting the x formula) filled in with a summary of what the page covers, notes on
 * what it cannot show, a legend and the svg ({@link TimelineSvg}). The page fetches nothing.
 */
final class TimelineHtml {
  private static final String TEMPLATE = "timeline.html";
  private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Z]+)}}");
  private static final String[][] STATUSES = {
    {"up", "node or link up, daemon running"},
    {"dead", "node dead, link down"},
    {"unknown", "node not heard yet"},
    {"stopping", "daemon stopping"},
    {"stopped", "daemon stopped"}
  };

  private final TimelineModel model;
  private final TimeText time;
  private final List<String> notes;

  /**
   * A page for {@code model}, times in {@code time}'s zone, with {@code notes} (such as the clock
   * skew between the nodes) listed under the summary.
   */
  TimelineHtml(final TimelineModel model, final TimeText time, final List<String> notes) {
    this.model = model;
    this.time = time;
    this.notes = List.copyOf(notes);
  }

  /** Writes the page to {@code out}. */
  void write(final Writer out) throws IOException {
    final String template = template();
    final Matcher slot = SLOT.matcher(template);
    int at = 0;
    while (slot.find()) {
      out.write(template, at, slot.start() - at);
      switch (slot.group(1)) {
        case "TITLE" -> out.write(HtmlText.escape(title()));
        case "SUMMARY" -> out.write(summary());
        case "LEGEND" -> out.write(legend());
        case "SVG" -> TimelineSvg.write(model, out);
        default -> throw new IllegalStateException("unknown slot in " + TEMPLATE + ": " + slot);
      }
      at = slot.end();
    }
    out.write(template, at, template.length() - at);
  }

  private static String template() {
    try (InputStream in = TimelineHtml.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the tools jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> nodes() {
    return model.lanes().stream().map(Lane::node).map(EventText::quote).toList();
  }

  private String title() {
    return "Systole timeline: " + String.join(", ", nodes());
  }

  /** What the page covers, in one line, as the command also prints it. */
  static String covers(final TimelineModel model, final TimeText time) {
    return model.lanes().size()
        + " nodes ("
        + String.join(", ", model.lanes().stream().map(l -> EventText.quote(l.node())).toList())
        + "), "
        + model.entries()
        + " entries, "
        + model.markers()
        + " markers, from "
        + time.instant(model.startMicros())
        + " to "
        + time.instant(model.endMicros())
        + " ("
        + TimeText.span(model.endMicros() - model.startMicros())
        + ")";
  }

  private String summary() {
    final StringBuilder b = new StringBuilder();
    b.append("<p id=\"summary\">")
        .append(HtmlText.escape(covers(model, time)))
        .append(".</p>\n<ul id=\"notes\">\n");
    for (final String note : notes()) {
      b.append("<li>").append(HtmlText.escape(note)).append("</li>\n");
    }
    return b.append("</ul>").toString();
  }

  private List<String> notes() {
    final List<String> all = new ArrayList<>();
    all.add(
        "The time axis starts at "
            + time.instant(model.startMicros())
            + " (+0); each node's entries are placed by its own clock, so entries of different"
            + " nodes closer in time than their clocks' skew may be in either order.");
    all.addAll(notes);
    all.add(
        "A node's routine entries in a row (peer status, resource steps, late heartbeats) are one"
            + " grey marker at the first; its hover text says how many more there are.");
    for (final Lane lane : model.lanes()) {
      if (lane.omittedMarkers() > 0) {
        all.add(
            "Node "
                + EventText.quote(lane.node())
                + ": "
                + lane.omittedMarkers()
                + " markers from index "
                + lane.firstOmittedIndex()
                + " on are not drawn: the page holds at most "
                + model.limits().maxMarkers()
                + " markers (journal replay shows every entry).");
      }
      if (lane.omittedIntervals() > 0) {
        all.add(
            "Node "
                + EventText.quote(lane.node())
                + ": "
                + lane.omittedIntervals()
                + " status intervals that ended after the cap of "
                + model.limits().maxIntervals()
                + " intervals are not drawn.");
      }
    }
    return all;
  }

  private String legend() {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < model.groups().size(); i++) {
      b.append(
          swatch("style=\"background:" + TimelineSvg.colour(i) + "\"", "group ")
              .append(HtmlText.escape(EventText.quote(model.groups().get(i))))
              .append(" held (faint: starting or stopping; dashed red: unclean)</span>\n"));
    }
    for (final String[] status : STATUSES) {
      b.append(swatch("class=\"sw-" + status[0] + "\"", status[1]).append("</span>\n"));
    }
    b.append("<span>markers: <b style=\"color:#4e79a7\">&#9679;</b> transition")
        .append(" <b style=\"color:#b07aa1\">&#9632;</b> admin command")
        .append(" <b style=\"color:#e15759\">&#9650;</b> fencing")
        .append(" <b style=\"color:#a0a0a0\">&#9679;</b> routine</span>\n");
    return b.toString();
  }

  private static StringBuilder swatch(final String attributes, final String text) {
    return new StringBuilder("<span><i ").append(attributes).append("></i>").append(text);
  }
}
