package io.systole.journal.chronicle;

import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * The newest index and digest at the last clean close, kept in {@code journal.tail}. On open the
 * journal must reach at least that far: Chronicle reads a cycle file whose newest pages were lost
 * (zeros, with the file's length intact) as a shorter journal, and the next append would then
 * overwrite history without a word. After a crash the mark is older than the journal, which is
 * fine: it only ever says how far the journal must reach.
 */
record TailMark(long index, String digestHex) {
  static final String FILE = "journal.tail";

  /** The mark of {@code dir}, or null when there is none (a new journal, or never closed). */
  static TailMark read(final Path dir) {
    final Path file = dir.resolve(FILE);
    final String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new JournalException("cannot read " + file + ": " + e, e);
    }
    final String[] parts = text.split("\\s+");
    try {
      return new TailMark(Long.parseLong(parts[0]), parts[1]);
    } catch (RuntimeException e) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX, file + " is damaged: '" + text + "'", e);
    }
  }

  /** Writes the mark atomically. */
  static void write(final Path dir, final long index, final byte[] digest) {
    final Path tmp = dir.resolve(FILE + ".tmp");
    try {
      Files.writeString(tmp, index + " " + HexFormat.of().formatHex(digest) + "\n");
      try {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new JournalException("cannot write " + dir.resolve(FILE) + ": " + e, e);
    }
  }

  /**
   * Fails unless a journal whose newest entry is {@code lastIndex} with {@code lastDigest} reaches
   * this mark.
   */
  void check(final Path dir, final long lastIndex, final byte[] lastDigest) {
    final boolean sameEntry =
        lastIndex == index && HexFormat.of().formatHex(lastDigest).equals(digestHex);
    if (lastIndex < index || (lastIndex == index && !sameEntry)) {
      throw new JournalCorruptException(
          JournalFormatException.NO_INDEX,
          "journal "
              + dir
              + " ends at index "
              + lastIndex
              + " but held entry "
              + index
              + " when it was last closed: its newest entries were lost or changed."
              + " Restore the journal from a backup; appending now would overwrite history");
    }
  }
}
