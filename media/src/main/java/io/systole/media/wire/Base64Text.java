package io.systole.media.wire;

import java.util.Arrays;

/**
 * Base64 (RFC 4648, standard alphabet, with padding) over array slices, without allocating: the
 * form classic framing gives binary fields. Only canonical text is accepted, i.e. exactly what
 * {@link java.util.Base64#getEncoder()} produces.
 */
final class Base64Text {
  private static final byte[] ALPHABET =
      HeartbeatView.ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  private static final int[] VALUES = values();

  private Base64Text() {}

  private static int[] values() {
    final int[] v = new int[256];
    Arrays.fill(v, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      v[ALPHABET[i]] = i;
    }
    return v;
  }

  private static int value(final byte b) {
    return VALUES[b & 0xFF];
  }

  /**
   * Whether {@code text[from, to)} is canonical base64: a multiple of four characters from the
   * alphabet, with one or two {@code =} only at the end and zero bits where padding begins.
   */
  static boolean canonical(final byte[] text, final int from, final int to) {
    final int len = to - from;
    if (len % 4 != 0) {
      return false;
    }
    if (len == 0) {
      return true;
    }
    final int pad = text[to - 1] != '=' ? 0 : text[to - 2] != '=' ? 1 : 2;
    for (int i = from; i < to - pad; i++) {
      if (value(text[i]) < 0) {
        return false;
      }
    }
    if (pad == 2) {
      return (value(text[to - 3]) & 0xF) == 0;
    }
    return pad == 0 || (value(text[to - 2]) & 0x3) == 0;
  }

  /** The number of bytes canonical base64 {@code text[from, to)} decodes to. */
  static int decodedLength(final byte[] text, final int from, final int to) {
    final int len = to - from;
    if (len == 0) {
      return 0;
    }
    final int pad = text[to - 1] != '=' ? 0 : text[to - 2] != '=' ? 1 : 2;
    return len / 4 * 3 - pad;
  }

  /**
   * Decodes canonical base64 {@code text[from, to)} into {@code dst} at {@code dstOff}; returns the
   * number of bytes written.
   */
  static int decode(
      final byte[] text, final int from, final int to, final byte[] dst, final int dstOff) {
    final int n = decodedLength(text, from, to);
    int o = dstOff;
    for (int i = from; i < to; i += 4) {
      final int bits =
          value(text[i]) << 18
              | value(text[i + 1]) << 12
              | (text[i + 2] == '=' ? 0 : value(text[i + 2]) << 6)
              | (text[i + 3] == '=' ? 0 : value(text[i + 3]));
      for (int k = 0; k < 3 && o < dstOff + n; k++) {
        dst[o++] = (byte) (bits >>> (16 - 8 * k));
      }
    }
    return n;
  }

  /**
   * Encodes {@code n} (1 to 3) bytes {@code src[off, off+n)} as four characters at {@code dst[o]},
   * padded with {@code =}; returns {@code o + 4}.
   */
  static int encodeGroup(
      final byte[] src, final int off, final int n, final byte[] dst, final int o) {
    final int bits =
        (src[off] & 0xFF) << 16
            | (n > 1 ? (src[off + 1] & 0xFF) << 8 : 0)
            | (n > 2 ? src[off + 2] & 0xFF : 0);
    dst[o] = ALPHABET[bits >>> 18];
    dst[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
    dst[o + 2] = n > 1 ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
    dst[o + 3] = n > 2 ? ALPHABET[bits & 0x3F] : (byte) '=';
    return o + 4;
  }
}
