package io.systole.journal.chronicle;

import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  private static final int NOT_COMPLETE = 0x8000_0000;
  private static final long GRACE_POLL_MILLIS = 50;

  private CycleFiles() {}

  /**
   * The newest cycle file when its writer was killed while the store was creating it: the file is
   * empty, or pre-sized with no complete header yet. It holds no entry (the store writes a file's
   * header before any entry), so a writer may move it aside; the store itself would wait minutes
   * for the header. A live writer writes the header within milliseconds of creating the file, so
   * the file gets a moment first. Null when there is no such file.
   */
  static Path abortedNewest(final Path dir) {
    final List<Path> files = list(dir);
    if (files.isEmpty()) {
      return null;
    }
    final Path newest = files.get(files.size() - 1);
    for (int wait = 0; wait < GRACE_POLLS; wait++) {
      if (!headerless(newest)) {
        return null;
      }
      pause();
    }
    return headerless(newest) ? newest : null;
  }

  /**
   * Whether the file has no complete store header: shorter than one, zeros where it belongs, or a
   * header still marked not complete (the store sets the top bit of a header's length word while
   * writing it). Entries only ever follow a complete header.
   */
  private static boolean headerless(final Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      while (header.hasRemaining() && ch.read(header) >= 0) {
        // read the first four bytes
      }
      final int word = header.getInt(0);
      return header.position() < 4 || word == 0 || (word & NOT_COMPLETE) != 0;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

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
