package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.Event;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.Scope;
import io.systole.tools.TimelineModel.Interval;
import io.systole.tools.TimelineModel.Lane;
import io.systole.tools.TimelineModel.Limits;
import io.systole.tools.TimelineModel.Marker;
import io.systole.tools.TimelineModel.MarkerKind;
import io.systole.tools.TimelineModel.Row;
import io.systole.tools.TimelineModel.RowKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TimelineBuilder} over the {@link Incident}'s failover (ha1 declares ha2 dead at 6 s and
 * takes db over) and over hand-made entries: lanes, rows, intervals and markers as the journals put
 * them, the window, the runs of routine entries and the caps.
 */
class TimelineModelTest {
  private static final TimeText UTC = new TimeText(TimeText.UTC);
  private static final long T0 = SampleJournals.T0;

  @TempDir Path tmp;

  /** The model of {@code dirs}' journals, folded in cluster order, lanes named in {@code nodes}. */
  static TimelineModel model(
      final List<String> nodes,
      final long from,
      final long to,
      final Limits limits,
      final Path... dirs) {
    final List<ChronicleJournal> journals = new ArrayList<>();
    try {
      for (final Path dir : dirs) {
        journals.add(ChronicleJournal.openReadOnly(dir));
      }
      final TimelineBuilder builder = new TimelineBuilder(nodes, UTC, from, to, limits);
      try (MergedEntries merged = new MergedEntries(journals)) {
        for (Entry e = merged.next(); e != null; e = merged.next()) {
          builder.fold(e);
        }
      }
      return builder.build();
    } finally {
      journals.forEach(ChronicleJournal::close);
    }
  }

  private TimelineModel failover(final long from, final long to) {
    return model(
        List.of("ha2", "ha1"),
        from,
        to,
        Limits.DEFAULT,
        Incident.failoverHa1(tmp),
        Incident.ha2(tmp));
  }

  private static Row row(final Lane lane, final RowKind kind, final String subject) {
    return lane.rows().stream()
        .filter(r -> r.kind() == kind && r.subject().equals(subject))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + kind + " " + subject + " in " + lane));
  }

  private static long at(final long millis) {
    return T0 + millis * 1000;
  }

  @Test
  void lanesRowsAndOwnerBarsAreWhereTheJournalsPutThem() {
    final TimelineModel model = failover(Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(List.of("ha1", "ha2"), model.lanes().stream().map(Lane::node).toList());
    assertEquals(List.of("web", "db"), model.groups());
    assertEquals(T0, model.startMicros());
    assertEquals(at(8000), model.endMicros());
    final Lane ha1 = model.lanes().get(0);
    assertEquals(
        List.of("DAEMON ha1", "NODE ha2", "LINK ha2", "GROUP web", "GROUP db"),
        ha1.rows().stream().map(r -> r.kind() + " " + r.subject()).toList());
    assertEquals("bcast eth1", ha1.rows().get(2).link());
    // db: requested at the node dead (index 11), started at 6.5 s (13), held to the end.
    assertEquals(
        List.of(
            new Interval("starting", at(6000), at(6500), 11, 13),
            new Interval("running", at(6500), at(8000), 13, -1)),
        row(ha1, RowKind.GROUP, "db").intervals());
    assertEquals(
        List.of(
            new Interval("unknown", at(1000), at(2000), 1, 2),
            new Interval("up", at(2000), at(6000), 2, 9),
            new Interval("dead", at(6000), at(8000), 9, -1)),
        row(ha1, RowKind.NODE, "ha2").intervals());
    assertEquals(
        List.of(
            new Interval("up", at(2000), at(5500), 2, 8),
            new Interval("down", at(5500), at(8000), 8, -1)),
        row(ha1, RowKind.LINK, "ha2").intervals());
    // ha2 never held web; it started db at 2.9 s (by its clock) and, as far as it knows, holds it.
    final Lane ha2 = model.lanes().get(1);
    assertEquals(List.of(), row(ha2, RowKind.GROUP, "web").intervals());
    assertEquals(
        new Interval("running", at(3200), at(8000), 7, -1),
        row(ha2, RowKind.GROUP, "db").intervals().get(1));
    assertEquals(
        List.of(new Interval("running", T0, at(8000), 0, -1)), ha2.rows().get(0).intervals());
  }

  @Test
  void everyEntryIsAMarkerWithItsTextAndKind() {
    final Lane ha1 = failover(Long.MIN_VALUE, Long.MAX_VALUE).lanes().get(0);
    assertEquals(15, ha1.entries());
    assertEquals(15, ha1.markers().size());
    final Map<Long, Marker> byIndex =
        ha1.markers().stream().collect(Collectors.toMap(Marker::index, Function.identity()));
    assertEquals(MarkerKind.FENCE, byIndex.get(12L).kind());
    assertEquals(MarkerKind.ADMIN, byIndex.get(14L).kind());
    assertEquals(MarkerKind.TRANSITION, byIndex.get(9L).kind());
    assertEquals(MarkerKind.ROUTINE, byIndex.get(3L).kind());
    assertEquals(
        "14 2026-11-25 01:02:11.123456 UTC ha1 AdminStandby node=ha1 scope=foreign"
            + " origin=hb_standby",
        byIndex.get(14L).text());
    assertEquals(at(6100), byIndex.get(12L).timeMicros());
  }

  @Test
  void theWindowClipsIntervalsBegunBeforeItAndMarksOnlyItsEntries() {
    final TimelineModel model = failover(at(5000), at(7000));
    // ha2's journal has nothing in the window: its lane is empty but there.
    assertEquals(List.of("ha1", "ha2"), model.lanes().stream().map(Lane::node).toList());
    assertEquals(0, model.lanes().get(1).entries());
    final Lane ha1 = model.lanes().get(0);
    assertEquals(at(5500), model.startMicros());
    assertEquals(at(6500), model.endMicros());
    assertEquals(
        List.of(8L, 9L, 10L, 11L, 12L, 13L), ha1.markers().stream().map(Marker::index).toList());
    // web has run since index 7 (4 s): the bar starts at the axis' start, still naming index 7.
    assertEquals(
        List.of(new Interval("running", at(5500), at(6500), 7, -1)),
        row(ha1, RowKind.GROUP, "web").intervals());
    assertEquals(
        List.of(
            new Interval("up", at(5500), at(5500), 2, 8),
            new Interval("down", at(5500), at(6500), 8, -1)),
        row(ha1, RowKind.LINK, "ha2").intervals());
  }

  /** A builder for node ha1 alone, fed {@code events} one second apart, changing nothing. */
  private static TimelineModel routine(final Limits limits, final Event... events) {
    final TimelineBuilder builder =
        new TimelineBuilder(List.of("ha1"), UTC, Long.MIN_VALUE, Long.MAX_VALUE, limits);
    for (int i = 0; i < events.length; i++) {
      builder.add(new Entry(i, T0 + i * 1_000_000L, "ha1", events[i]), List.of());
    }
    return builder.build();
  }

  @Test
  void aNodesRoutineEntriesInARowAreOneMarkerAtTheFirst() {
    final PeerStatus status = new PeerStatus("ha2", true, List.of(), List.of(), List.of());
    final ResourceStart resource =
        new ResourceStart("web", "IPaddr::10.0.0.10", Phase.SUCCEEDED, "");
    final Lane lane =
        routine(
                Limits.DEFAULT,
                new NodeUp("ha2", "bcast eth1"),
                status,
                status,
                resource,
                new AdminStandby("ha1", Scope.ALL, "hb_standby"),
                status)
            .lanes()
            .get(0);
    assertEquals(
        List.of("TRANSITION 0-0 x1", "ROUTINE 1-3 x3", "ADMIN 4-4 x1", "ROUTINE 5-5 x1"),
        lane.markers().stream()
            .map(m -> m.kind() + " " + m.index() + "-" + m.lastIndex() + " x" + m.count())
            .toList());
    final Marker run = lane.markers().get(1);
    assertEquals(T0 + 1_000_000L, run.timeMicros());
    assertTrue(
        run.text().startsWith("1 2026-11-25 01:02:04.123456 UTC ha1 PeerStatus"), run.text());
    assertTrue(
        run.text()
            .endsWith(
                "and 2 more routine entries (peer status, resource steps, late"
                    + " heartbeats) to index 3 at 2026-11-25 01:02:06.123456 UTC"),
        run.text());
  }

  @Test
  void markersBeyondTheCapAreCountedNotKept() {
    final NodeUp up = new NodeUp("ha2", "bcast eth1");
    final TimelineModel model = routine(new Limits(2, 8), up, up, up, up, up);
    final Lane lane = model.lanes().get(0);
    assertEquals(2, lane.markers().size());
    assertEquals(3, lane.omittedMarkers());
    assertEquals(2, lane.firstOmittedIndex());
    assertEquals(5, lane.entries());
  }

  @Test
  void intervalsBeyondTheCapAreCountedNotKeptButTheOpenOneIs() {
    final TimelineModel model =
        failover(Long.MIN_VALUE, Long.MAX_VALUE); // the reference: how many intervals there are
    final long all = intervals(model);
    final TimelineModel capped =
        model(
            List.of("ha1", "ha2"),
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            new Limits(100, 2),
            tmp.resolve("ha1"),
            tmp.resolve("ha2"));
    final long open =
        model.lanes().stream()
            .flatMap(l -> l.rows().stream())
            .filter(r -> !r.intervals().isEmpty())
            .count();
    assertEquals(open + 2, intervals(capped));
    assertEquals(all - open - 2, capped.omittedIntervals());
    assertFalse(capped.omittedIntervals() == 0);
  }

  private static long intervals(final TimelineModel model) {
    return model.lanes().stream()
        .flatMap(l -> l.rows().stream())
        .mapToLong(r -> r.intervals().size())
        .sum();
  }

  @Test
  void everyEventTypeHasAMarkerKind() {
    SampleJournals.assertEveryTypeCovered();
    final Map<MarkerKind, Long> kinds =
        SampleJournals.everyType().stream()
            .collect(Collectors.groupingBy(MarkerKind::of, Collectors.counting()));
    assertEquals(3L, kinds.get(MarkerKind.ADMIN));
    assertEquals(1L, kinds.get(MarkerKind.FENCE));
    assertEquals(5L, kinds.get(MarkerKind.ROUTINE), "PeerStatus, resources, NodeWarn, Checkpoint");
  }
}
