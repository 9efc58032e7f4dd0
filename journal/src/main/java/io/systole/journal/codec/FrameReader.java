package io.systole.journal.codec;

import io.systole.journal.JournalCorruptException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads little-endian fields from a frame, never past the limit it was given: a length field that
 * points outside the frame raises {@link JournalCorruptException} naming the entry, instead of an
 * index error or a huge allocation. Repeated strings (node, link and group names) come from a small
 * cache, so steady-state reading allocates little beyond the event itself.
 */
public final class FrameReader {
  private static final int CACHE_SIZE = 256;
  private static final int CACHEABLE_LENGTH = 64;

  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final String[] cachedStrings = new String[CACHE_SIZE];
  private final byte[][] cachedBytes = new byte[CACHE_SIZE][];
  private byte[] buffer;
  private int position;
  private int limit;
  private long index;

  /**
   * Reads {@code buffer} from {@code offset} up to {@code limit}, for the entry at {@code index}.
   */
  public FrameReader wrap(
      final byte[] buffer, final int offset, final int limit, final long index) {
    this.buffer = buffer;
    this.position = offset;
    this.limit = limit;
    this.index = index;
    return this;
  }

  /** The read position. */
  public int position() {
    return position;
  }

  /** Reads one unsigned byte. */
  public int u8() {
    need(1);
    return buffer[position++] & 0xFF;
  }

  /** Reads a boolean written as one byte: anything but 0 or 1 is corrupt. */
  public boolean bool() {
    final int value = u8();
    if (value > 1) {
      throw corrupt("a boolean field holds " + value);
    }
    return value == 1;
  }

  /** Reads an unsigned 16-bit value. */
  public int u16() {
    need(2);
    final int value = (short) LittleEndian.SHORT.get(buffer, position) & 0xFFFF;
    position += 2;
    return value;
  }

  /** Reads a 32-bit value. */
  public int i32() {
    need(4);
    final int value = (int) LittleEndian.INT.get(buffer, position);
    position += 4;
    return value;
  }

  /** Reads a 64-bit value. */
  public long i64() {
    need(8);
    final long value = (long) LittleEndian.LONG.get(buffer, position);
    position += 8;
    return value;
  }

  /** Reads a string written by {@link FrameWriter#string}. */
  public String string() {
    final int length = u16();
    need(length);
    final int start = position;
    position += length;
    if (length > CACHEABLE_LENGTH) {
      return utf8(start, length);
    }
    int hash = length;
    for (int i = start; i < start + length; i++) {
      hash = 31 * hash + buffer[i];
    }
    final int slot = (hash ^ (hash >>> 16)) & (CACHE_SIZE - 1);
    final byte[] cached = cachedBytes[slot];
    if (cached != null
        && cached.length == length
        && java.util.Arrays.equals(cached, 0, length, buffer, start, start + length)) {
      return cachedStrings[slot];
    }
    final String value = utf8(start, length);
    cachedBytes[slot] = java.util.Arrays.copyOfRange(buffer, start, start + length);
    cachedStrings[slot] = value;
    return value;
  }

  /**
   * Decodes strictly: invalid UTF-8 is damage, not text to patch with replacement characters, so
   * that a stored entry has exactly one meaning and re-encodes to the same bytes.
   */
  private String utf8(final int start, final int length) {
    boolean ascii = true;
    for (int i = start; i < start + length && ascii; i++) {
      ascii = buffer[i] >= 0;
    }
    if (ascii) {
      return new String(buffer, start, length, StandardCharsets.US_ASCII);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(buffer, start, length)).toString();
    } catch (CharacterCodingException e) {
      throw corrupt("a text field at offset " + start + " is not valid UTF-8");
    }
  }

  /** A corruption error for the current entry. */
  public JournalCorruptException corrupt(final String what) {
    return new JournalCorruptException(index, "journal entry " + index + " is corrupt: " + what);
  }

  /** Fails unless every byte up to the limit was read. */
  public void expectEnd() {
    if (position != limit) {
      throw corrupt((limit - position) + " bytes left over after the event's fields");
    }
  }

  private void need(final int bytes) {
    if (bytes > limit - position) {
      throw corrupt(
          "a field needs "
              + bytes
              + " bytes at offset "
              + position
              + " but the entry's fields end at "
              + limit);
    }
  }
}
