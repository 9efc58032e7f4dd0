package io.systole.bench;

import io.systole.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A journal of {@link #ENTRIES} typical entries, written once per trial and opened read-only, as
 * the replay and audit tools open a journal. Shared by the read and audit benchmarks; the writing
 * is not measured.
 */
@State(Scope.Benchmark)
public class StoredJournal {
  /** How many entries the journal holds: one benchmark operation is one entry. */
  public static final int ENTRIES = 1_000_000;

  Path dir;
  ChronicleJournal journal;

  /** Writes the journal and opens it for reading. */
  @Setup(Level.Trial)
  public void write() {
    dir = BenchFiles.writeJournal("systole-stored-", ENTRIES);
    journal = ChronicleJournal.openReadOnly(dir);
  }

  /** Closes the journal and deletes it. */
  @TearDown(Level.Trial)
  public void delete() {
    journal.close();
    BenchFiles.delete(dir);
  }

  /** Fails the benchmark when an operation saw another number of entries than were written. */
  static long expectAll(final long seen, final String what) {
    if (seen != ENTRIES) {
      throw new IllegalStateException(what + " saw " + seen + " entries, not " + ENTRIES);
    }
    return seen;
  }
}
