package io.systole.media.secure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * This node's generation, persisted across restarts in one small file, one line: {@code
 * systole-generation v1 GENERATION CRC32C}, where the checksum (8 hex digits) covers the text
 * before it. {@link #advance} runs once per start, before the first envelope is sealed: the new
 * generation is {@code max(stored + 1, now in seconds)}, written to a temp file, forced to disk,
 * renamed over the old one, and the directory forced too, so a crash leaves the old or the new
 * generation, never none and never a torn one.
 *
 * <p>Why both terms: {@code stored + 1} makes every start's generation larger than the last one
 * this file saw, whatever the clock does; the clock makes it larger than generations a lost,
 * deleted or restored-from-backup file once held, and keeps generations near the time so a receiver
 * can bound how far ahead one may be ({@link EnvelopeOpener.Limits#maxAheadSeconds()}).
 *
 * <p>A missing file is a first start. A file that is not exactly what this class writes is an error
 * with the way out in its message: Systole never guesses a generation, because one reused under the
 * same key would repeat AES-GCM nonces.
 */
public final class GenerationStore {
  /**
   * The result of one start.
   *
   * @param previous the generation the file held, 0 on a first start
   * @param current the generation of this start, already on disk
   * @param clockSeconds the clock's reading it was computed from
   */
  public record Generation(long previous, long current, long clockSeconds) {
    /** How far this generation is ahead of the clock: above 0 when the clock went back. */
    public long aheadOfClockSeconds() {
      return current - clockSeconds;
    }
  }

  private static final String PREFIX = "systole-generation v1 ";
  private static final Pattern LINE =
      Pattern.compile("systole-generation v1 ([1-9][0-9]{0,18}) ([0-9a-f]{8})\n");
  private static final int MAX_FILE = 128;

  private final Path file;

  /** The generation kept in {@code file} (for instance {@code /var/lib/systole/generation}). */
  public GenerationStore(final Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * The generation on disk, or empty if the file does not exist.
   *
   * @throws GenerationFileException if the file exists but is not a valid generation file
   * @throws IOException if it cannot be read
   */
  public OptionalLong read() throws IOException {
    final byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE) {
        throw corrupt("longer than " + MAX_FILE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    final String text = new String(bytes, StandardCharsets.ISO_8859_1);
    final Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      throw corrupt("expected one line 'systole-generation v1 GENERATION CHECKSUM'");
    }
    final long generation;
    try {
      generation = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw corrupt("the generation is out of range");
    }
    if (!m.group(2).equals(checksum(PREFIX + m.group(1)))) {
      throw corrupt("the checksum does not match: the file was damaged or edited");
    }
    return OptionalLong.of(generation);
  }

  /**
   * Starts a new generation: {@code max(stored + 1, nowEpochSeconds)}, persisted before it is
   * returned.
   *
   * @throws GenerationFileException if the file is damaged, or the generations are used up (past
   *     {@link EnvelopeLayout#MAX_GENERATION}, the year 2106)
   * @throws IOException if the file cannot be read or written
   */
  public Generation advance(final long nowEpochSeconds) throws IOException {
    if (nowEpochSeconds < 0) {
      throw new IllegalArgumentException("the clock reads before 1970: " + nowEpochSeconds);
    }
    final OptionalLong stored = read();
    final long previous = stored.orElse(0);
    final long next = Math.max(previous + 1, nowEpochSeconds);
    if (next > EnvelopeLayout.MAX_GENERATION) {
      throw new GenerationFileException(
          file
              + ": the next generation "
              + next
              + " is past "
              + EnvelopeLayout.MAX_GENERATION
              + " (check the clock; if it is right, rotate to a new key and delete the file)");
    }
    write(next);
    return new Generation(previous, next, nowEpochSeconds);
  }

  private void write(final long generation) throws IOException {
    final Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          String.valueOf(dir),
          null,
          "cannot persist the generation: create the directory, writable by the user Systole"
              + " runs as");
    }
    final String body = PREFIX + generation;
    final byte[] bytes = (body + " " + checksum(body) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      final ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(file + ": its file system cannot rename atomically", e);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private GenerationFileException corrupt(final String what) {
    return new GenerationFileException(
        file
            + ": not a generation file Systole wrote ("
            + what
            + "). Systole does not guess a generation: one reused under the same key would repeat"
            + " AES-GCM nonces. If the clock is right, delete the file: the next start then takes"
            + " the current time in seconds, above every earlier generation unless the clock was"
            + " ahead before or the node restarted faster than once a second.");
  }

  private static String checksum(final String text) {
    final CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.ISO_8859_1));
    return String.format("%08x", crc.getValue());
  }

  @Override
  public String toString() {
    return "GenerationStore[" + file + "]";
  }
}
