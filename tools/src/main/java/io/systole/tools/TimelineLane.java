package io.systole.tools;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.tools.TimelineModel.Interval;
import io.systole.tools.TimelineModel.Lane;
import io.systole.tools.TimelineModel.Limits;
import io.systole.tools.TimelineModel.Marker;
import io.systole.tools.TimelineModel.MarkerKind;
import io.systole.tools.TimelineModel.Row;
import io.systole.tools.TimelineModel.RowKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One node's lane while {@link TimelineBuilder} computes it: the rows with their open interval and
 * the closed ones kept, and the markers kept, a run of routine entries open at the end. The caps
 * are shared by all lanes ({@link Budget}), so that what is kept is the earliest in cluster order.
 */
final class TimelineLane {
  /** What all lanes together may still keep. */
  static final class Budget {
    private final Limits limits;
    private int markers;
    private int intervals;

    Budget(final Limits limits) {
      this.limits = limits;
    }

    boolean takeMarker() {
      return markers < limits.maxMarkers() && ++markers > 0;
    }

    boolean takeInterval() {
      return intervals < limits.maxIntervals() && ++intervals > 0;
    }
  }

  private record RowKey(RowKind kind, String subject, String link) {}

  /** A row: its intervals kept and the one open, if any. */
  private static final class RowState {
    final RowKey key;
    final int seen;
    final List<Interval> closed = new ArrayList<>();
    String value;
    long startMicros;
    long startIndex;

    RowState(final RowKey key, final int seen) {
      this.key = key;
      this.seen = seen;
    }
  }

  /** A marker whose run may still grow. */
  private static final class MarkerState {
    final MarkerKind kind;
    final Entry first;
    final String text;
    long lastIndex;
    long lastMicros;
    long count = 1;

    MarkerState(final MarkerKind kind, final Entry first, final String text) {
      this.kind = kind;
      this.first = first;
      this.text = text;
      this.lastIndex = first.index();
      this.lastMicros = first.timeMicros();
    }
  }

  private final String node;
  private final Budget budget;
  private final Map<RowKey, RowState> rows = new LinkedHashMap<>();
  private final List<MarkerState> markers = new ArrayList<>();
  private MarkerState run;
  private ClusterState state;
  private long entries;
  private long omittedMarkers;
  private long firstOmittedIndex = -1;
  private long omittedIntervals;

  TimelineLane(final String node, final Budget budget) {
    this.node = node;
    this.budget = budget;
    this.state = ClusterState.initial(node);
  }

  /** Folds {@code entry} into the node's state: what it changed there. */
  List<StateDiff.Change> fold(final Entry entry) {
    final ClusterState before = state;
    state = Fold.apply(before, entry);
    return StateDiff.between(before, state);
  }

  String node() {
    return node;
  }

  /** Marks {@code entry}, which is in the window: a marker of its own, or one more in a run. */
  void mark(final Entry entry, final EventText text) {
    entries++;
    final Event event = entry.event();
    final MarkerKind kind = MarkerKind.of(event);
    if (kind == MarkerKind.ROUTINE && run != null) {
      run.lastIndex = entry.index();
      run.lastMicros = entry.timeMicros();
      run.count++;
      return;
    }
    run = null;
    if (!budget.takeMarker()) {
      omittedMarkers++;
      firstOmittedIndex = firstOmittedIndex < 0 ? entry.index() : firstOmittedIndex;
      return;
    }
    final MarkerState marker = new MarkerState(kind, entry, text.entry(entry));
    markers.add(marker);
    if (kind == MarkerKind.ROUTINE) {
      run = marker;
    }
  }

  /**
   * Sets the row {@code kind}/{@code subject}/{@code link} to {@code value} (null: nothing to draw)
   * at {@code entry}, closing the interval open in it; a closed interval is kept when it ends in
   * the window ({@code shown}) and the cap allows.
   */
  void set(
      final RowKind kind,
      final String subject,
      final String link,
      final String value,
      final Entry entry,
      final boolean shown) {
    final RowState row =
        rows.computeIfAbsent(new RowKey(kind, subject, link), k -> new RowState(k, rows.size()));
    if (row.value != null && shown) {
      if (budget.takeInterval()) {
        row.closed.add(
            new Interval(
                row.value, row.startMicros, entry.timeMicros(), row.startIndex, entry.index()));
      } else {
        omittedIntervals++;
      }
    }
    row.value = value;
    row.startMicros = entry.timeMicros();
    row.startIndex = entry.index();
  }

  /**
   * The lane on the axis {@code startMicros} to {@code endMicros}: intervals begun before it start
   * at its start, those still open end at its end; rows in node order ({@code nodeOrder}), each
   * peer's links after its status, then the groups in {@code groupOrder}.
   */
  Lane build(
      final long startMicros,
      final long endMicros,
      final TimeText time,
      final Function<String, Integer> nodeOrder,
      final Function<String, Integer> groupOrder) {
    final List<Row> built = new ArrayList<>();
    final Comparator<RowState> order =
        Comparator.comparingInt((RowState r) -> r.key.kind() == RowKind.GROUP ? 2 : rank(r))
            .thenComparingInt(r -> ordinal(r, nodeOrder, groupOrder))
            .thenComparingInt(r -> r.key.kind().ordinal())
            .thenComparingInt(r -> r.seen);
    for (final RowState r : rows.values().stream().sorted(order).toList()) {
      final List<Interval> intervals = new ArrayList<>();
      for (final Interval i : r.closed) {
        intervals.add(clip(i, startMicros));
      }
      if (r.value != null) {
        intervals.add(
            clip(new Interval(r.value, r.startMicros, endMicros, r.startIndex, -1), startMicros));
      }
      built.add(new Row(r.key.kind(), r.key.subject(), r.key.link(), intervals));
    }
    final List<Marker> kept = new ArrayList<>();
    for (final MarkerState m : markers) {
      kept.add(marker(m, time));
    }
    return new Lane(
        node, built, kept, entries, omittedMarkers, firstOmittedIndex, omittedIntervals);
  }

  private static int rank(final RowState r) {
    return r.key.kind() == RowKind.DAEMON ? 0 : 1;
  }

  private static int ordinal(
      final RowState r,
      final Function<String, Integer> nodeOrder,
      final Function<String, Integer> groupOrder) {
    final Integer i =
        (r.key.kind() == RowKind.GROUP ? groupOrder : nodeOrder).apply(r.key.subject());
    return i == null ? Integer.MAX_VALUE : i;
  }

  private static Interval clip(final Interval i, final long startMicros) {
    return i.startMicros() >= startMicros
        ? i
        : new Interval(i.value(), startMicros, i.endMicros(), i.startIndex(), i.endIndex());
  }

  private static Marker marker(final MarkerState m, final TimeText time) {
    final String text =
        m.count == 1
            ? m.text
            : m.text
                + "\n... and "
                + (m.count - 1)
                + " more routine entries (peer status, resource steps, late heartbeats) to index "
                + m.lastIndex
                + " at "
                + time.instant(m.lastMicros);
    return new Marker(
        m.kind,
        EventText.type(m.first.event()),
        m.first.index(),
        m.first.timeMicros(),
        m.lastIndex,
        m.lastMicros,
        m.count,
        text);
  }
}
