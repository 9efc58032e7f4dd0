package io.systole.tools;

import io.systole.engine.policy.Rule;
import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The metrics only the journal's entries tell, counted since the daemon started: failovers and
 * takeovers started here, late heartbeats per peer, and how long each resource's starts and stops
 * took. Fed on the cluster-logic thread, one recorded entry at a time (the single writer), and read
 * by the metrics thread at any moment: the counters are lock-free, and a finished action replaces
 * its immutable totals at once, so a scrape never sees a count without its sum. Allocates only when
 * a resource action begins or ends, never per heartbeat.
 */
final class JournalCounters implements Consumer<Entry> {
  /** What a resource action is: {@code start} or {@code stop} of one resource of one group. */
  record Action(String group, String resource, String action) {}

  /**
   * The finished actions of one kind.
   *
   * @param count how many finished (succeeded or failed)
   * @param sumMicros their durations added up, from the request to the outcome
   * @param failed how many of them failed
   */
  record Totals(long count, long sumMicros, long failed) {
    static final Totals NONE = new Totals(0, 0, 0);

    Totals plus(final long micros, final boolean failure) {
      return new Totals(count + 1, sumMicros + micros, failed + (failure ? 1 : 0));
    }
  }

  private static final Comparator<Action> ORDER =
      Comparator.comparing(Action::group)
          .thenComparing(Action::resource)
          .thenComparing(Action::action);

  private final LongAdder failovers = new LongAdder();
  private final Map<String, LongAdder> late = new ConcurrentHashMap<>();
  private final Map<Action, Totals> actions = new ConcurrentHashMap<>();

  /** When each action still running was requested; the logic thread's alone. */
  private final Map<Action, Long> requested = new HashMap<>();

  @Override
  public void accept(final Entry entry) {
    final Event e = entry.event();
    if (e instanceof GroupStart g) {
      if (g.phase() == Phase.REQUESTED && isFailover(g.detail())) {
        failovers.increment();
      }
    } else if (e instanceof NodeWarn w) {
      late.computeIfAbsent(w.node(), k -> new LongAdder()).increment();
    } else if (e instanceof ResourceStart r) {
      action(new Action(r.group(), r.resource(), "start"), r.phase(), entry.timeMicros());
    } else if (e instanceof ResourceStop r) {
      action(new Action(r.group(), r.resource(), "stop"), r.phase(), entry.timeMicros());
    }
  }

  /** A start the policy chose because the group's node failed, or because an admin asked. */
  private static boolean isFailover(final String reason) {
    return reason.startsWith(Rule.START_FAILOVER.label())
        || reason.startsWith(Rule.START_TAKEOVER.label());
  }

  private void action(final Action a, final Phase phase, final long timeMicros) {
    if (phase == Phase.REQUESTED) {
      requested.put(a, timeMicros);
      return;
    }
    final Long since = requested.remove(a);
    if (since != null) {
      // the clock may step back between two entries; a negative duration would corrupt the sum
      final long micros = Math.max(0, timeMicros - since);
      actions.merge(
          a,
          Totals.NONE.plus(micros, phase == Phase.FAILED),
          (t, one) -> t.plus(micros, one.failed() > 0));
    }
  }

  /** Group starts here for a failover or a takeover. */
  long failovers() {
    return failovers.sum();
  }

  /** Late heartbeats (NodeWarn entries) of {@code node}. */
  long lateHeartbeats(final String node) {
    final LongAdder n = late.get(node);
    return n == null ? 0 : n.sum();
  }

  /** The finished actions by kind, a copy in the order of group, resource and action. */
  Map<Action, Totals> actions() {
    final Map<Action, Totals> out = new TreeMap<>(ORDER);
    out.putAll(actions);
    return out;
  }
}
