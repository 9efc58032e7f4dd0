package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.event.ConfigLoaded;
import io.systole.tools.TimelineModel.Lane;
import io.systole.tools.TimelineModel.Limits;
import io.systole.tools.TimelineModel.RowKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link TimelineModel} from the entries of several nodes' journals and what each entry
 * changed in its node's state ({@link StateDiff}), fed in cluster order ({@link MergedEntries}).
 * Pure: it reads nothing but what it is given. Every entry up to the window's end must be fed, from
 * each journal's first, since an interval shown may have begun before the window; only those in the
 * window get markers. It holds the lanes' rows and the markers and intervals kept, never the
 * entries, and keeps at most {@link Limits} of those.
 */
final class TimelineBuilder {
  private final EventText text;
  private final TimeText time;
  private final long fromMicros;
  private final long toMicros;
  private final Limits limits;
  private final Map<String, TimelineLane> lanes = new LinkedHashMap<>();

  /**
   * Each node's place in the node lines of the first configuration that names it, and, for a node
   * no configuration names, in the order the entries first mention it; each group's place in the
   * order the entries mention it.
   */
  private final Map<String, Integer> configOrder = new LinkedHashMap<>();

  private final Map<String, Integer> nodeOrder = new LinkedHashMap<>();

  private final Map<String, Integer> groupOrder = new LinkedHashMap<>();
  private final TimelineLane.Budget budget;
  private long startMicros = Long.MAX_VALUE;
  private long endMicros = Long.MIN_VALUE;

  /**
   * A builder for the journals of {@code nodes}, showing the entries from {@code fromMicros} to
   * {@code toMicros} (both included), with entry texts printed in {@code time}'s zone.
   */
  TimelineBuilder(
      final List<String> nodes,
      final TimeText time,
      final long fromMicros,
      final long toMicros,
      final Limits limits) {
    this.text = new EventText(time);
    this.time = time;
    this.fromMicros = fromMicros;
    this.toMicros = toMicros;
    this.limits = limits;
    this.budget = new TimelineLane.Budget(limits);
    for (final String node : nodes) {
      lanes.put(node, new TimelineLane(node, budget));
    }
  }

  /**
   * Folds {@code entry} into its node's state and adds it with what it changed there: the entries
   * of each node must come in journal order from its first.
   *
   * @throws IllegalArgumentException when the entry is of a node the builder has no lane for
   */
  void fold(final Entry entry) {
    add(entry, lane(entry).fold(entry));
  }

  private TimelineLane lane(final Entry entry) {
    final TimelineLane lane = lanes.get(entry.node());
    if (lane == null) {
      throw new IllegalArgumentException("no lane for node " + EventText.quote(entry.node()));
    }
    return lane;
  }

  /**
   * Adds {@code entry}, which changed its node's state by {@code changes}. Entries after the window
   * change nothing.
   *
   * @throws IllegalArgumentException when the entry is of a node the builder has no lane for
   */
  void add(final Entry entry, final List<StateDiff.Change> changes) {
    final TimelineLane lane = lane(entry);
    if (entry.event() instanceof ConfigLoaded config) {
      for (final String node : config.nodes()) {
        configOrder.putIfAbsent(node, configOrder.size());
      }
    }
    final long t = entry.timeMicros();
    if (t > toMicros) {
      return;
    }
    final boolean shown = t >= fromMicros;
    if (shown) {
      startMicros = Math.min(startMicros, t);
      endMicros = Math.max(endMicros, t);
      lane.mark(entry, text);
    }
    for (final StateDiff.Change c : changes) {
      change(lane, entry, c, shown);
    }
  }

  private void change(
      final TimelineLane lane, final Entry entry, final StateDiff.Change c, final boolean shown) {
    switch (c.kind()) {
      case "node" -> {
        nodeOrder.putIfAbsent(c.name(), nodeOrder.size());
        if ("daemon".equals(c.field())) {
          final String value = "never_started".equals(c.after()) ? null : c.after();
          lane.set(RowKind.DAEMON, c.name(), null, value, entry, shown);
        } else if ("status".equals(c.field()) && !c.name().equals(lane.node())) {
          // The lane's own node is its daemon row: no node sees itself up or dead.
          lane.set(RowKind.NODE, c.name(), null, c.after(), entry, shown);
        }
      }
      case "link" -> {
        nodeOrder.putIfAbsent(c.name(), nodeOrder.size());
        lane.set(RowKind.LINK, c.name(), c.field(), c.after(), entry, shown);
      }
      case "group" -> {
        if ("here".equals(c.field())) {
          groupOrder.putIfAbsent(c.name(), groupOrder.size());
          final String value = "stopped".equals(c.after()) ? null : c.after();
          lane.set(RowKind.GROUP, c.name(), null, value, entry, shown);
        }
      }
      default -> {
        // the configuration's hash: the ConfigLoaded marker says it
      }
    }
  }

  /** Whether an entry in the window has been added: a model without one has no axis. */
  boolean isEmpty() {
    return startMicros > endMicros;
  }

  /** Where {@code node} goes: in node-line order, then the nodes no configuration names. */
  private Integer nodePlace(final String node) {
    final Integer configured = configOrder.get(node);
    if (configured != null) {
      return configured;
    }
    final Integer seen = nodeOrder.get(node);
    return seen == null ? Integer.MAX_VALUE : configOrder.size() + seen;
  }

  /**
   * The model of what was added.
   *
   * @throws IllegalStateException when no entry in the window was added
   */
  TimelineModel build() {
    if (isEmpty()) {
      throw new IllegalStateException("no entry in the window");
    }
    final Comparator<String> byNodeOrder =
        Comparator.comparing(this::nodePlace).thenComparing(Comparator.naturalOrder());
    final List<Lane> built = new ArrayList<>();
    for (final String node : lanes.keySet().stream().sorted(byNodeOrder).toList()) {
      built.add(
          lanes.get(node).build(startMicros, endMicros, time, this::nodePlace, groupOrder::get));
    }
    return new TimelineModel(
        startMicros, endMicros, built, List.copyOf(groupOrder.keySet()), limits);
  }
}
