package io.systole.bench;

import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Audit throughput, in entries per second: {@link Auditor#audit} over a {@link StoredJournal} of a
 * million typical entries, checking every frame's CRC, place and fields and recomputing its BLAKE3
 * chain digest (target: at least a million a second). An audit that finds the journal other than
 * intact and complete fails the benchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Audit extends RunLength {
  /** Audits the whole journal. */
  @Benchmark
  @OperationsPerInvocation(StoredJournal.ENTRIES)
  public AuditReport audit(final StoredJournal stored) {
    final AuditReport report = Auditor.audit(stored.journal);
    if (!report.intact()) {
      throw new IllegalStateException("audit: " + report.summary());
    }
    StoredJournal.expectAll(report.entries(), "audit");
    return report;
  }
}
