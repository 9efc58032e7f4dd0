package io.systole.bench;

import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay throughput, in entries per second, over a {@link ReplayJournal} of a million entries the
 * real logic wrote: {@link #fold} reads, verifies and decodes every entry and folds it into the
 * node's state, as {@code journal replay} does before the entries it shows; {@link #check} runs the
 * streaming {@link ReplayCheck.Checker} over it, as {@code journal replay --check} does (fold, plus
 * the policy after each input and each recorded round); {@link #chronicleRaw} is the baseline, a
 * bare Chronicle read of the same documents. A check that finds a mismatch fails the benchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayThroughput extends RunLength {
  /** Folds every entry. */
  @Benchmark
  @OperationsPerInvocation(ReplayJournal.ENTRIES)
  public ClusterState fold(final ReplayJournal stored) {
    ClusterState s = ClusterState.initial(stored.journal.node());
    long n = 0;
    try (JournalReader reader = stored.journal.reader(0)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        s = Fold.apply(s, e);
        n++;
      }
    }
    stored.expectAll(n, "fold");
    return s;
  }

  /** Checks every recorded decision. */
  @Benchmark
  @OperationsPerInvocation(ReplayJournal.ENTRIES)
  public long check(final ReplayJournal stored) {
    final ReplayCheck.Checker checker =
        new ReplayCheck.Checker(stored.journal.node(), (event, at) -> event.toString());
    try (JournalReader reader = stored.journal.reader(0)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        checker.accept(e);
      }
    }
    if (checker.finish() != null) {
      throw new IllegalStateException("check: " + checker.finish());
    }
    return stored.expectAll(checker.entries(), "check");
  }

  /** Baseline: a bare Chronicle tailer copies every document into a buffer. */
  @Benchmark
  @OperationsPerInvocation(ReplayJournal.ENTRIES)
  public long chronicleRaw(final ReplayJournal stored, final Blackhole bh) {
    return stored.chronicleRaw(bh);
  }
}
