package io.systole.journal.chronicle;

import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameLayout;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The {@code journal.meta} file that marks a directory as a Systole journal and records what a
 * reader must know before it reads a byte: the format, the chain digest and the owning node. A
 * directory without it is not a journal, and a newer format is refused with a clear message.
 */
record JournalMeta(int format, String digest, String node, String rollCycle) {
  static final String FILE = "journal.meta";

  /** Reads the marker of {@code dir}. */
  static JournalMeta read(final Path dir) {
    final Path file = dir.resolve(FILE);
    final Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX, file + " cannot be read: " + e.getMessage(), e);
    }
    final String format = p.getProperty("format");
    final String digest = p.getProperty("digest");
    final String node = p.getProperty("node");
    if (format == null || digest == null || node == null) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX,
          file
              + " is empty or damaged (it needs format, digest and node); it marks a Systole"
              + " journal, so restore it from a backup or a peer rather than deleting it");
    }
    final int f;
    try {
      f = Integer.parseInt(format.trim());
    } catch (NumberFormatException e) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX, file + " has a format that is not a number: " + format);
    }
    if (f > FrameLayout.FORMAT) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX,
          dir
              + " was written by a newer Systole (journal format "
              + f
              + "; this build reads up to "
              + FrameLayout.FORMAT
              + "). Read it with a newer Systole");
    }
    if (!ChainHash.ALGORITHM.equals(digest.trim())) {
      throw new JournalFormatException(
          JournalFormatException.NO_INDEX,
          dir + " chains its entries with " + digest + "; this build knows " + ChainHash.ALGORITHM);
    }
    // Absent in journals made before the roll cycle was recorded: the reader then takes the
    // default.
    final String roll = p.getProperty("roll", "").trim();
    return new JournalMeta(f, digest.trim(), node.trim(), roll);
  }

  /** Writes the marker of a new journal, atomically, so a crash never leaves half a marker. */
  void write(final Path dir) {
    final Properties p = new Properties();
    p.setProperty("format", Integer.toString(format));
    p.setProperty("digest", digest);
    p.setProperty("node", node);
    p.setProperty("roll", rollCycle);
    final Path tmp = dir.resolve(FILE + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "Systole journal: do not edit or delete");
      }
      try {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new JournalException("cannot create the journal marker in " + dir + ": " + e, e);
    }
  }
}
