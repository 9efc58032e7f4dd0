package io.systole.media.auth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * One {@code authkeys} line, {@code N method [key]}: computes Heartbeat's digest of a byte range as
 * lower-case hex ASCII into a caller's buffer, without allocating, in one call or incrementally.
 * HMAC (RFC 2104) is computed here over a reused {@link MessageDigest} (which the JDK accelerates)
 * rather than with {@code javax.crypto.Mac}, whose {@code doFinal} allocates the digest on every
 * call, even into a caller's buffer. Not thread-safe (it keeps one digest); give each thread its
 * own. The key never appears in {@link #toString()} or in any exception message.
 */
public final class Authenticator {
  /** Largest authkeys index Heartbeat accepts. */
  public static final int MAX_INDEX = 15;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int[] CRC_TABLE = crcTable();
  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  /** The block size of MD5 and SHA-1, in bytes: the length of the HMAC pads. */
  private static final int BLOCK = 64;

  private final int index;
  private final AuthMethod method;

  /** The hash of an HMAC method, null for crc. */
  private final MessageDigest md;

  /** HMAC's inner and outer pads: the key (hashed if longer than a block) XOR 0x36 and 0x5c. */
  private final byte[] innerPad;

  private final byte[] outerPad;
  private final byte[] raw;
  private int crcState;

  private Authenticator(
      final int index, final AuthMethod method, final MessageDigest md, final byte[] key) {
    this.index = index;
    this.method = method;
    this.md = md;
    if (md == null) {
      innerPad = null;
      outerPad = null;
      raw = null;
      return;
    }
    final byte[] k = key.length > BLOCK ? md.digest(key) : key;
    innerPad = new byte[BLOCK];
    outerPad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      final byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
    Arrays.fill(k, (byte) 0);
    raw = new byte[md.getDigestLength()];
  }

  /**
   * The authenticator for line {@code index method key}; {@code key} must be null for {@code crc}
   * and a non-empty token without whitespace otherwise.
   *
   * @throws IllegalArgumentException on a bad index, a missing, superfluous or malformed key
   */
  public static Authenticator of(final int index, final AuthMethod method, final String key) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException("auth index must be 0.." + MAX_INDEX + ": " + index);
    }
    if (!method.keyed()) {
      if (key != null) {
        throw new IllegalArgumentException("crc takes no key (index " + index + ")");
      }
      return new Authenticator(index, method, null, null);
    }
    if (key == null || key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          method.wireName() + " needs one key without whitespace (index " + index + ")");
    }
    final String algorithm = method == AuthMethod.SHA1 ? "SHA-1" : "MD5";
    try {
      return new Authenticator(
          index,
          method,
          MessageDigest.getInstance(algorithm),
          key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  /** {@code crc} at {@code index}. */
  public static Authenticator crc(final int index) {
    return of(index, AuthMethod.CRC, null);
  }

  /** {@code md5 key} at {@code index}. */
  public static Authenticator md5(final int index, final String key) {
    return of(index, AuthMethod.MD5, key);
  }

  /** {@code sha1 key} at {@code index}. */
  public static Authenticator sha1(final int index, final String key) {
    return of(index, AuthMethod.SHA1, key);
  }

  /** The authkeys index, 0..15. */
  public int index() {
    return index;
  }

  /** The method. */
  public AuthMethod method() {
    return method;
  }

  /**
   * Writes the hex digest of {@code data[off, off+len)} to {@code out} at {@code outOff} and
   * returns the number of hex digits written (at most {@link AuthMethod#maxHexLength()}).
   */
  public int digestHex(
      final byte[] data, final int off, final int len, final byte[] out, final int outOff) {
    begin();
    update(data, off, len);
    return finishHex(out, outOff);
  }

  /**
   * Starts an incremental digest: {@link #begin()}, any number of {@code update} calls, then {@link
   * #finishHex} or {@link #finishVerify}. Gives the same digest as {@link #digestHex(byte[], int,
   * int, byte[], int)} over the concatenation of the updates, and allocates nothing. A digest begun
   * and not finished is discarded by the next {@code begin()} or one-shot call.
   */
  public void begin() {
    if (md == null) {
      crcState = 0;
    } else {
      md.reset();
      md.update(innerPad);
    }
  }

  /** Adds {@code data[off, off+len)} to the digest begun by {@link #begin()}. */
  public void update(final byte[] data, final int off, final int len) {
    if (md == null) {
      crcState = crcUpdate(crcState, data, off, len);
    } else {
      md.update(data, off, len);
    }
  }

  /** Adds one byte to the digest begun by {@link #begin()}. */
  public void update(final byte b) {
    if (md == null) {
      crcState = (crcState << 8) ^ CRC_TABLE[((crcState >>> 24) ^ b) & 0xFF];
    } else {
      md.update(b);
    }
  }

  /**
   * Ends the digest begun by {@link #begin()}: writes its hex form to {@code out} at {@code outOff}
   * and returns the number of hex digits written (at most {@link AuthMethod#maxHexLength()}).
   */
  public int finishHex(final byte[] out, final int outOff) {
    if (md == null) {
      return crcHex(~crcState, out, outOff);
    }
    try {
      md.digest(raw, 0, raw.length); // H(K ^ ipad || message)
      md.update(outerPad);
      md.update(raw);
      md.digest(raw, 0, raw.length); // H(K ^ opad || inner hash)
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < raw.length; i++) {
      out[outOff + 2 * i] = HEX[(raw[i] >> 4) & 0xF];
      out[outOff + 2 * i + 1] = HEX[raw[i] & 0xF];
    }
    return raw.length * 2;
  }

  /**
   * Ends the digest begun by {@link #begin()} and tells whether {@code expected[expOff,
   * expOff+expLen)} is its hex form, comparing in constant time for a given length. {@code scratch}
   * must hold {@link AuthMethod#maxHexLength()} bytes.
   */
  public boolean finishVerify(
      final byte[] expected, final int expOff, final int expLen, final byte[] scratch) {
    final int n = finishHex(scratch, 0);
    if (n != expLen) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < n; i++) {
      diff |= scratch[i] ^ expected[expOff + i];
    }
    return diff == 0;
  }

  /** The hex digest of {@code data} as a string (allocates; for tests and tools). */
  public String digestHex(final byte[] data) {
    final byte[] out = new byte[method.maxHexLength()];
    final int n = digestHex(data, 0, data.length, out, 0);
    return new String(out, 0, n, StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code expected[expOff, expOff+expLen)} is the hex digest of {@code data[off,
   * off+len)}; compares in constant time for a given length. {@code scratch} must hold {@link
   * AuthMethod#maxHexLength()} bytes.
   */
  public boolean verifyHex(
      final byte[] data,
      final int off,
      final int len,
      final byte[] expected,
      final int expOff,
      final int expLen,
      final byte[] scratch) {
    begin();
    update(data, off, len);
    return finishVerify(expected, expOff, expLen, scratch);
  }

  /** Adds {@code data[off, off+len)} to a CRC: eight bytes a step (slicing by 8), then by byte. */
  private static int crcUpdate(final int state, final byte[] data, final int off, final int len) {
    int crc = state;
    int i = off;
    final int end = off + len;
    for (; end - i >= 8; i += 8) {
      final int hi = crc ^ (int) BIG_ENDIAN_INT.get(data, i);
      final int lo = (int) BIG_ENDIAN_INT.get(data, i + 4);
      crc =
          CRC_TABLE[7 * 256 + (hi >>> 24)]
              ^ CRC_TABLE[6 * 256 + ((hi >>> 16) & 0xFF)]
              ^ CRC_TABLE[5 * 256 + ((hi >>> 8) & 0xFF)]
              ^ CRC_TABLE[4 * 256 + (hi & 0xFF)]
              ^ CRC_TABLE[3 * 256 + (lo >>> 24)]
              ^ CRC_TABLE[2 * 256 + ((lo >>> 16) & 0xFF)]
              ^ CRC_TABLE[256 + ((lo >>> 8) & 0xFF)]
              ^ CRC_TABLE[lo & 0xFF];
    }
    for (; i < end; i++) {
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
    }
    return crc;
  }

  private static int crcHex(final int value, final byte[] out, final int outOff) {
    int digits = 1;
    while (digits < 8 && (value >>> (4 * digits)) != 0) {
      digits++;
    }
    for (int i = 0; i < digits; i++) {
      out[outOff + i] = HEX[(value >>> (4 * (digits - 1 - i))) & 0xF];
    }
    return digits;
  }

  /**
   * Eight tables of 256 entries, table k at {@code 256 * k}: entry {@code x} of table k is what
   * byte {@code x} at the top of the register contributes after k + 1 byte steps (MSB first,
   * polynomial 0x04C11DB7). Table 0 is the classic byte-at-a-time table.
   */
  private static int[] crcTable() {
    final int[] table = new int[8 * 256];
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int b = 0; b < 8; b++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
      table[i] = c;
    }
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        final int prev = table[256 * (k - 1) + i];
        table[256 * k + i] = (prev << 8) ^ table[prev >>> 24];
      }
    }
    return table;
  }

  @Override
  public String toString() {
    return "Authenticator[" + index + " " + method.wireName() + (md == null ? "" : " <key>") + "]";
  }
}
