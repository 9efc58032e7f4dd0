package io.systole.bench;

import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories for the benchmarks' journals and queues, and the pre-written journal that
 * the read and audit benchmarks walk. Everything lives under {@code java.io.tmpdir}, so point that
 * property at the disk to be measured.
 */
public final class BenchFiles {
  private BenchFiles() {}

  /** A new empty directory under {@code java.io.tmpdir}. */
  public static Path tempDir(final String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything below it; a missing or null directory is fine. */
  public static void delete(final Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new journal of {@code count} entries, the {@link TypicalEvents#failover()} transitions over
   * and over, one microsecond apart, written and closed by {@link TypicalEvents#WRITER}.
   */
  public static Path writeJournal(final String prefix, final int count) {
    final Path dir = tempDir(prefix);
    final Event[] events = TypicalEvents.failover();
    try (ChronicleJournal journal =
        ChronicleJournal.open(dir, ChronicleOptions.forNode(TypicalEvents.WRITER))) {
      for (int i = 0; i < count; i++) {
        journal.append(TypicalEvents.T0_MICROS + i, events[i % events.length]);
      }
    }
    return dir;
  }
}
