package io.systole.journal.chronicle;

import io.systole.journal.EpochMicrosClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes whole cycle files that are older than the age limit or beyond the size limit, oldest
 * first, never the newest cycle. Chronicle deletes nothing by itself. Sizes are the files' lengths
 * as the filesystem reports them; Chronicle grows its files ahead in large sparse chunks, so the
 * limit is on what the files claim, which is more than they occupy on disk.
 */
final class ChronicleRetention {
  private static final Logger LOG = LoggerFactory.getLogger(ChronicleRetention.class);

  private final Path dir;
  private final Duration maxAge;
  private final long maxBytes;
  private final EpochMicrosClock clock;

  ChronicleRetention(
      final Path dir, final Duration maxAge, final long maxBytes, final EpochMicrosClock clock) {
    this.dir = dir;
    this.maxAge = maxAge;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  boolean enabled() {
    return maxAge != null || maxBytes > 0;
  }

  /**
   * Applies the limits once.
   *
   * @return how many cycle files were deleted
   */
  int apply() {
    if (!enabled()) {
      return 0;
    }
    final List<Path> cycles = cycleFiles();
    if (cycles.size() < 2) {
      return 0;
    }
    long total = 0;
    for (final Path p : cycles) {
      total += sizeOf(p);
    }
    final long nowMillis = clock.nowMicros() / 1_000L;
    int deleted = 0;
    for (int i = 0; i < cycles.size() - 1; i++) {
      final Path p = cycles.get(i);
      final long size = sizeOf(p);
      final boolean tooOld =
          maxAge != null && nowMillis - lastModifiedMillis(p) > maxAge.toMillis();
      final boolean tooBig = maxBytes > 0 && total > maxBytes;
      if (!tooOld && !tooBig) {
        break;
      }
      try {
        Files.deleteIfExists(p);
        total -= size;
        deleted++;
        LOG.info(
            "journal retention deleted {} ({} bytes; {})",
            p,
            size,
            tooOld ? "older than " + maxAge : "journal over " + maxBytes + " bytes");
      } catch (IOException e) {
        LOG.warn("journal retention could not delete {}: {}; will retry at the next roll", p, e);
        break;
      }
    }
    return deleted;
  }

  private List<Path> cycleFiles() {
    try {
      return CycleFiles.list(dir);
    } catch (UncheckedIOException e) {
      LOG.warn("journal retention cannot list {}: {}", dir, e.getCause().toString());
      return List.of();
    }
  }

  private static long sizeOf(final Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long lastModifiedMillis(final Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
