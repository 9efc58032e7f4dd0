package io.systole.bench;

import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Audit throughput, in entries per second, over the same {@link ReplayJournal} the replay
 * benchmarks read (a node's real mix of entries, unlike {@link Audit}'s one repeated failover):
 * {@link #audit} is {@link Auditor#audit}, as {@code journal audit} runs it (CRC, place, decode,
 * BLAKE3 chain digest of every entry; target at least a million a second), next to {@link
 * #chronicleRaw}, the bare Chronicle read of the same documents. A finding fails the benchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditThroughput extends RunLength {
  /** Audits the whole journal. */
  @Benchmark
  @OperationsPerInvocation(ReplayJournal.ENTRIES)
  public AuditReport audit(final ReplayJournal stored) {
    final AuditReport report = Auditor.audit(stored.journal);
    if (!report.intact()) {
      throw new IllegalStateException("audit: " + report.summary());
    }
    stored.expectAll(report.entries(), "audit");
    return report;
  }

  /** Baseline: a bare Chronicle tailer copies every document into a buffer. */
  @Benchmark
  @OperationsPerInvocation(ReplayJournal.ENTRIES)
  public long chronicleRaw(final ReplayJournal stored, final Blackhole bh) {
    return stored.chronicleRaw(bh);
  }
}
