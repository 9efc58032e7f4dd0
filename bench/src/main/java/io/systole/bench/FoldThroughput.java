package io.systole.bench;

import io.systole.engine.policy.Policy;
import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.codec.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fold throughput, in entries per second, over a realistic journal: the first {@link #ENTRIES}
 * entries {@code ha1} of a 2- or 3-node cluster journals over days of incidents ({@link
 * IncidentJournal}), decoded from real frames. {@link #fold} folds the whole journal from the
 * initial state, as recovery and replay do (target: at least 10 million a second); {@link
 * #foldDecide} also asks {@link Policy#decide} after every entry, as the live node and the replay
 * check do; {@link #walk} is the baseline: the same walk over the entries reading each one's time
 * and type, with no fold.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FoldThroughput extends RunLength {
  /** How many entries each operation folds: one benchmark operation is one entry. */
  public static final int ENTRIES = 1_000_000;

  /** The journal, built once per trial and checked before anything is measured. */
  @State(Scope.Benchmark)
  public static class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(FoldThroughput.class);

    /** Nodes in the cluster: 2 (ha1, ha2) or 3 (ha1, ha2, ha3). */
    @Param({"2", "3"})
    public int nodes;

    Entry[] entries;

    /**
     * Simulates the cluster and keeps ha1's journal, after checking that the fold of the decoded
     * journal equals the live state, that it matched every entry, and that a replay re-derives
     * every decision it holds.
     */
    @Setup(Level.Trial)
    public void build() {
      entries = IncidentJournal.build(nodes, ENTRIES, Journal::check);
      ClusterState s = ClusterState.initial(IncidentJournal.SELF);
      for (final Entry e : entries) {
        s = Fold.apply(s, e);
      }
      if (s.unmatched() != 0) {
        throw new IllegalStateException(s.unmatched() + " entries unmatched in the cut journal");
      }
      LOG.info("{} nodes: {} entries, {}", nodes, entries.length, mix(List.of(entries)));
    }

    private static void check(final List<Entry> all, final ClusterState live, final int days) {
      ClusterState s = ClusterState.initial(IncidentJournal.SELF);
      for (final Entry e : all) {
        s = Fold.apply(s, e);
      }
      if (!s.equals(live)) {
        throw new IllegalStateException("the fold of the decoded journal differs from the live");
      }
      if (s.unmatched() != 0) {
        throw new IllegalStateException(s.unmatched() + " entries named an unknown node or group");
      }
      final ReplayCheck.Mismatch m = ReplayCheck.check(IncidentJournal.SELF, all);
      if (m != null) {
        throw new IllegalStateException("replay check: " + m);
      }
      LOG.info("simulated {} days: {} entries, replay check passed", days, all.size());
    }

    /** The share of each event type, most frequent first. */
    private static String mix(final List<Entry> entries) {
      final Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
      for (final Entry e : entries) {
        counts.merge(EventType.of(e.event()), 1, Integer::sum);
      }
      final StringBuilder out = new StringBuilder();
      counts.entrySet().stream()
          .sorted(Map.Entry.<EventType, Integer>comparingByValue().reversed())
          .forEach(
              c ->
                  out.append(
                      String.format(
                          "%s%s %.1f %%",
                          out.length() == 0 ? "" : ", ",
                          c.getKey(),
                          100.0 * c.getValue() / entries.size())));
      return out.toString();
    }
  }

  /** Folds the whole journal from the initial state. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public ClusterState fold(final Journal journal) {
    ClusterState s = ClusterState.initial(IncidentJournal.SELF);
    for (final Entry e : journal.entries) {
      s = Fold.apply(s, e);
    }
    return s;
  }

  /** Folds the whole journal and asks the policy after every entry. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public ClusterState foldDecide(final Journal journal, final Blackhole bh) {
    ClusterState s = ClusterState.initial(IncidentJournal.SELF);
    for (final Entry e : journal.entries) {
      s = Fold.apply(s, e);
      bh.consume(Policy.decide(s));
    }
    return s;
  }

  /** Baseline: the walk over the entries, reading each one's time and type, with no fold. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long walk(final Journal journal) {
    long sum = 0;
    for (final Entry e : journal.entries) {
      sum += e.timeMicros() ^ EventType.of(e.event()).ordinal();
    }
    return sum;
  }
}
