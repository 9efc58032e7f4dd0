package io.systole.tools;

import io.systole.tools.TimelineModel.Interval;
import io.systole.tools.TimelineModel.Lane;
import io.systole.tools.TimelineModel.Marker;
import io.systole.tools.TimelineModel.Row;
import io.systole.tools.TimelineModel.RowKind;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link TimelineModel} as the {@code <svg id="timeline">} of the timeline page: a lane per
 * node, top to bottom in the model's order, each with its markers above its rows. The x of a time
 * is a pure function of it, {@code x = LEFT + (t - t0) * WIDTH / span} (span: the axis' length, at
 * least 1 us), which the page documents and its script uses to zoom; each element carries the
 * journal's values as data attributes, so a test can check positions against the journal.
 */
final class TimelineSvg {
  /** Where the plot area starts, in px: the row labels are left of it. */
  static final int LEFT = 190;

  /** How wide the plot area is, in px. */
  static final int WIDTH = 1150;

  /** The groups' colours, by their place in {@link TimelineModel#groups()}. */
  static final List<String> PALETTE =
      List.of(
          "#4e79a7", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#8c8c3c");

  private static final int AXIS = 22;
  private static final int LANE_HEAD = 20;
  private static final int MARKER_ROW = 18;
  private static final int ROW = 16;
  private static final int BAR = 11;
  private static final int LANE_GAP = 10;

  private final TimelineModel model;
  private final Writer out;
  private final long span;

  private TimelineSvg(final TimelineModel model, final Writer out) {
    this.model = model;
    this.out = out;
    this.span = Math.max(1, model.endMicros() - model.startMicros());
  }

  /** Writes {@code model}'s svg to {@code out}. */
  static void write(final TimelineModel model, final Writer out) throws IOException {
    new TimelineSvg(model, out).svg();
  }

  /** The colour of group number {@code i}. */
  static String colour(final int i) {
    return PALETTE.get(i % PALETTE.size());
  }

  /** The x of {@code micros}, in px at zoom 1. */
  private double x(final long micros) {
    return LEFT + (micros - model.startMicros()) * (double) WIDTH / span;
  }

  private static int laneHeight(final Lane lane) {
    return LANE_HEAD + MARKER_ROW + lane.rows().size() * ROW + LANE_GAP / 2;
  }

  private void svg() throws IOException {
    int height = AXIS;
    for (final Lane lane : model.lanes()) {
      height += laneHeight(lane) + LANE_GAP;
    }
    out.write(
        String.format(
            Locale.ROOT,
            "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " data-left=\"%d\" data-width=\"%d\" data-t0-micros=\"%d\""
                + " data-t1-micros=\"%d\">%n",
            LEFT + WIDTH + 20,
            height,
            LEFT,
            WIDTH,
            model.startMicros(),
            model.startMicros() + span));
    // The clip is wider than the plot by half a marker each side: markers at the ends show whole.
    out.write(
        String.format(
            Locale.ROOT,
            "<defs><clipPath id=\"plot-clip\"><rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\"/>"
                + "</clipPath></defs>%n<rect id=\"plot\" class=\"plot\" x=\"%d\" y=\"0\""
                + " width=\"%d\" height=\"%d\"/>%n<g id=\"ticks\"></g>%n",
            LEFT - MARKER_ROW / 2,
            WIDTH + MARKER_ROW,
            height,
            LEFT,
            WIDTH,
            height));
    int top = AXIS;
    for (int i = 0; i < model.lanes().size(); i++) {
      final Lane lane = model.lanes().get(i);
      lane(i, lane, top);
      top += laneHeight(lane) + LANE_GAP;
    }
    out.write("</svg>\n");
  }

  private void lane(final int i, final Lane lane, final int top) throws IOException {
    final String node = HtmlText.escape(lane.node());
    out.write(
        String.format(
            Locale.ROOT,
            "<g class=\"lane\" id=\"lane-%d\">%n<rect class=\"lane-bg\" id=\"lane-%d-bg\""
                + " data-kind=\"lane\" data-node=\"%s\" data-lane=\"%d\" x=\"0\" y=\"%d\""
                + " width=\"%d\" height=\"%d\"/>%n<text class=\"lane-name\" x=\"4\""
                + " y=\"%d\">%s</text>%n<text class=\"row-label\" x=\"14\" y=\"%d\">entries</text>%n",
            i,
            i,
            node,
            i,
            top,
            LEFT + WIDTH,
            laneHeight(lane),
            top + 14,
            node,
            top + LANE_HEAD + 12));
    final int rowsTop = top + LANE_HEAD + MARKER_ROW;
    for (int r = 0; r < lane.rows().size(); r++) {
      out.write(
          String.format(
              Locale.ROOT,
              "<text class=\"row-label\" x=\"14\" y=\"%d\">%s</text>%n",
              rowsTop + r * ROW + 11,
              HtmlText.escape(label(lane.rows().get(r)))));
    }
    out.write("<g clip-path=\"url(#plot-clip)\">\n");
    for (int r = 0; r < lane.rows().size(); r++) {
      row(i, r, lane, rowsTop + r * ROW);
    }
    final int markerY = top + LANE_HEAD + MARKER_ROW / 2;
    for (int m = 0; m < lane.markers().size(); m++) {
      marker(i, m, lane, markerY);
    }
    out.write("</g>\n</g>\n");
  }

  private static String label(final Row row) {
    return switch (row.kind()) {
      case DAEMON -> "daemon";
      case NODE -> "node " + EventText.quote(row.subject());
      case LINK -> "  link " + EventText.quote(row.link());
      case GROUP -> "group " + EventText.quote(row.subject());
    };
  }

  private void row(final int lane, final int r, final Lane l, final int y) throws IOException {
    final Row row = l.rows().get(r);
    final boolean bar = row.kind() == RowKind.GROUP;
    final String style =
        bar ? " style=\"fill:" + colour(model.groups().indexOf(row.subject())) + "\"" : "";
    final String kind = row.kind().name().toLowerCase(Locale.ROOT);
    final String subject =
        (bar ? " data-group=\"" : " data-subject=\"") + HtmlText.escape(row.subject()) + "\"";
    final String link =
        row.link() == null ? "" : " data-link=\"" + HtmlText.escape(row.link()) + "\"";
    for (int k = 0; k < row.intervals().size(); k++) {
      final Interval iv = row.intervals().get(k);
      final double x0 = x(iv.startMicros());
      final String end = iv.endIndex() < 0 ? "" : " data-end-index=\"" + iv.endIndex() + "\"";
      out.write(
          String.format(
              Locale.ROOT,
              "<rect id=\"lane-%d-row-%d-%d\" class=\"%s v-%s\" data-kind=\"%s\" data-node=\"%s\""
                  + " data-row=\"%s\"%s%s data-value=\"%s\" data-start-micros=\"%d\""
                  + " data-end-micros=\"%d\" data-start-index=\"%d\"%s x=\"%.3f\" y=\"%d\""
                  + " width=\"%.3f\" height=\"%d\"%s><title>%s</title></rect>%n",
              lane,
              r,
              k,
              bar ? "bar" : "interval",
              HtmlText.escape(iv.value()),
              bar ? "bar" : "interval",
              HtmlText.escape(l.node()),
              kind,
              subject,
              link,
              HtmlText.escape(iv.value()),
              iv.startMicros(),
              iv.endMicros(),
              iv.startIndex(),
              end,
              x0,
              y + (ROW - BAR) / 2,
              Math.max(0, x(iv.endMicros()) - x0),
              BAR,
              style,
              HtmlText.escape(title(l.node(), row, iv))));
    }
  }

  private static String title(final String node, final Row row, final Interval iv) {
    return EventText.quote(node)
        + ": "
        + label(row).strip()
        + " "
        + iv.value()
        + " from index "
        + iv.startIndex()
        + (iv.endIndex() < 0 ? " on" : " to index " + iv.endIndex());
  }

  private void marker(final int lane, final int m, final Lane l, final int y) throws IOException {
    final Marker mk = l.markers().get(m);
    final String kind = mk.kind().name().toLowerCase(Locale.ROOT);
    final String shape =
        switch (mk.kind()) {
          case ADMIN -> "<rect class=\"shape\" x=\"-4.5\" y=\"-4.5\" width=\"9\" height=\"9\"/>";
          case FENCE -> "<path class=\"shape\" d=\"M0,-6L5.5,4.5L-5.5,4.5Z\"/>";
          case ROUTINE -> "<circle class=\"shape\" r=\"" + (mk.count() > 1 ? 4 : 3) + "\"/>";
          case TRANSITION -> "<circle class=\"shape\" r=\"4.5\"/>";
        };
    out.write(
        String.format(
            Locale.ROOT,
            "<g id=\"lane-%d-marker-%d\" class=\"marker m-%s\" data-kind=\"marker\""
                + " data-marker=\"%s\" data-node=\"%s\" data-type=\"%s\" data-index=\"%d\""
                + " data-start-micros=\"%d\" data-last-index=\"%d\" data-last-micros=\"%d\""
                + " data-count=\"%d\" data-y=\"%d\" transform=\"translate(%.3f,%d)\">"
                + "<title>%s</title>%s</g>%n",
            lane,
            m,
            kind,
            kind,
            HtmlText.escape(l.node()),
            HtmlText.escape(mk.type()),
            mk.index(),
            mk.timeMicros(),
            mk.lastIndex(),
            mk.lastMicros(),
            mk.count(),
            y,
            x(mk.timeMicros()),
            y,
            HtmlText.escape(mk.text()),
            shape));
  }
}
