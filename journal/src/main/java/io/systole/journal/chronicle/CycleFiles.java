package io.systole.journal.chronicle;

import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cycle files of a journal ({@code *.cq4}, one per roll cycle, oldest first by name) and the
 * check that none was cut short. Chronicle must not be trusted to notice: with assertions off it
 * reads an emptied file as an empty journal and a truncated one as shorter than it is, and the next
 * append would then overwrite history. Chronicle always grows a file in whole blocks plus an
 * overlap, so any other length means the file was truncated after it was written.
 */
final class CycleFiles {
  private static final int GRACE_POLLS = 40;
  private static final long GONE = -1;
  private static final long GRACE_POLL_MILLIS = 50;

  private CycleFiles() {}

  /** The cycle files of {@code dir}, oldest first. */
  static List<Path> list(final Path dir) {
    final List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.cq4")) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the journal files in " + dir, e);
    }
    files.sort(null);
    return files;
  }

  /**
   * Fails, naming the file, when a cycle file has a length Chronicle never writes.
   *
   * @throws JournalCorruptException naming the first such file
   */
  static void checkLengths(final Path dir, final long blockSize, final long overlapSize) {
    final List<Path> files = list(dir);
    for (int i = 0; i < files.size(); i++) {
      final Path file = files.get(i);
      // A writer in another process may be creating the newest file right now: it reaches a
      // length the store writes within milliseconds, so give it a moment; a truncated file never
      // does.
      final boolean newest = i == files.size() - 1;
      long length = size(file);
      for (int wait = 0;
          newest && length != GONE && !valid(length, blockSize, overlapSize) && wait < GRACE_POLLS;
          wait++) {
        pause();
        length = size(file);
      }
      if (length == GONE) {
        continue; // removed since the listing (retention): nothing left to check
      }
      if (length == 0) {
        throw truncated(file, "it is empty (0 bytes)");
      }
      if (!valid(length, blockSize, overlapSize)) {
        throw truncated(
            file,
            "it is "
                + length
                + " bytes, but the store writes files of whole "
                + blockSize
                + "-byte blocks plus "
                + overlapSize);
      }
    }
  }

  private static boolean valid(final long length, final long blockSize, final long overlapSize) {
    return length >= blockSize && (length - overlapSize) % blockSize == 0;
  }

  private static long size(final Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return GONE;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(GRACE_POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JournalCorruptException truncated(final Path file, final String why) {
    return new JournalCorruptException(
        JournalFormatException.NO_INDEX,
        "journal file "
            + file
            + " was truncated: "
            + why
            + ". Restore it from a backup; to open the rest of the journal, move the file out of"
            + " the directory (entries in it are lost and the audit will show the gap)");
  }
}
