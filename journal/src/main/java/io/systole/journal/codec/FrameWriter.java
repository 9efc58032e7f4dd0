package io.systole.journal.codec;

import java.nio.charset.StandardCharsets;

/**
 * Writes little-endian fields into a reusable buffer of at most {@link FrameLayout#MAX_LENGTH}
 * bytes. ASCII strings, the common case for node, link and group names, are written without
 * allocating.
 */
public final class FrameWriter {

  private final byte[] buffer = new byte[FrameLayout.MAX_LENGTH];
  private int position;

  /** The buffer; the frame occupies {@code [0, position())}. */
  public byte[] buffer() {
    return buffer;
  }

  /** How many bytes have been written. */
  public int position() {
    return position;
  }

  /** Moves the write position, to rewrite or to start over. */
  public void position(final int position) {
    this.position = position;
  }

  /** Writes one byte. */
  public void u8(final int value) {
    ensure(1);
    buffer[position++] = (byte) value;
  }

  /** Writes a boolean as one byte. */
  public void bool(final boolean value) {
    u8(value ? 1 : 0);
  }

  /** Writes an unsigned 16-bit value. */
  public void u16(final int value) {
    ensure(2);
    LittleEndian.SHORT.set(buffer, position, (short) value);
    position += 2;
  }

  /**
   * Writes the element count of a list field as an unsigned 16-bit value.
   *
   * @throws IllegalArgumentException when the list has more than 65535 elements
   */
  public void count(final int count) {
    if (count > 0xFFFF) {
      throw new IllegalArgumentException(
          "a journal list field has " + count + " elements; the limit is 65535");
    }
    u16(count);
  }

  /** Writes a 32-bit value. */
  public void i32(final int value) {
    ensure(4);
    LittleEndian.INT.set(buffer, position, value);
    position += 4;
  }

  /** Writes a 64-bit value. */
  public void i64(final long value) {
    ensure(8);
    LittleEndian.LONG.set(buffer, position, value);
    position += 8;
  }

  /** Writes {@code value} at {@code offset} without moving the position. */
  public void i32At(final int offset, final int value) {
    LittleEndian.INT.set(buffer, offset, value);
  }

  /**
   * Writes a string as a u16 length and its UTF-8 bytes.
   *
   * @throws IllegalArgumentException when {@code value} is null or longer than 65535 bytes
   */
  public void string(final String value) {
    if (value == null) {
      throw new IllegalArgumentException("a journal string field is null; use \"\" for none");
    }
    final int length = value.length();
    boolean ascii = true;
    for (int i = 0; i < length && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    if (ascii) {
      u16(checkedLength(length));
      ensure(length);
      for (int i = 0; i < length; i++) {
        buffer[position++] = (byte) value.charAt(i);
      }
    } else {
      final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      u16(checkedLength(utf8.length));
      bytes(utf8, 0, utf8.length);
    }
  }

  /** Writes raw bytes. */
  public void bytes(final byte[] source, final int offset, final int length) {
    ensure(length);
    System.arraycopy(source, offset, buffer, position, length);
    position += length;
  }

  private static int checkedLength(final int length) {
    if (length > 0xFFFF) {
      throw new IllegalArgumentException(
          "a journal string field is " + length + " bytes; the limit is 65535");
    }
    return length;
  }

  private void ensure(final int bytes) {
    if (position + bytes > buffer.length) {
      throw new IllegalArgumentException(
          "the event does not fit in a journal entry of "
              + FrameLayout.MAX_LENGTH
              + " bytes; shorten its text fields");
    }
  }
}
