package io.systole.media.wire;

import java.util.Arrays;

/** A growable byte buffer that encoders reuse between messages. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(final int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** The contents as a message, at most {@link NetstringCodec#MAX_MESSAGE} bytes. */
  byte[] toMessage() {
    if (size > NetstringCodec.MAX_MESSAGE) {
      throw new IllegalArgumentException("message of " + size + " bytes is too big");
    }
    return toByteArray();
  }

  private void ensure(final int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  ByteSink put(final int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  ByteSink put(final byte[] b) {
    return put(b, 0, b.length);
  }

  ByteSink put(final byte[] b, final int off, final int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  ByteSink ascii(final String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  ByteSink decimal(final int value) {
    if (value >= 10) {
      decimal(value / 10);
    }
    return put('0' + value % 10);
  }

  /** Reserves {@code len} bytes and returns their offset. */
  int reserve(final int len) {
    ensure(len);
    final int at = size;
    size += len;
    return at;
  }

  void truncate(final int newSize) {
    size = newSize;
  }
}
