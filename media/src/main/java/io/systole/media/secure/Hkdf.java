package io.systole.media.secure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with the JDK's HMAC, for 32-byte keys only (one expand block). Turns an
 * authkeys secret into independent keys: one per mode, and in AES-GCM mode one per sender, so that
 * the same secret never keys two purposes.
 */
final class Hkdf {
  static final String HMAC_SHA256 = "HmacSHA256";
  static final int KEY_LENGTH = 32;

  /** The extract salt: fixed, names the envelope format. */
  private static final byte[] SALT = "systole-envelope-v1".getBytes(StandardCharsets.US_ASCII);

  private Hkdf() {}

  static Mac newMac() {
    try {
      return Mac.getInstance(HMAC_SHA256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + HMAC_SHA256, e);
    }
  }

  /** HKDF-Extract(salt, secret): the pseudorandom key, as an HMAC key. */
  static SecretKeySpec extract(final byte[] secret) {
    final Mac mac = newMac();
    init(mac, new SecretKeySpec(SALT, HMAC_SHA256));
    final byte[] prk = mac.doFinal(secret);
    try {
      return new SecretKeySpec(prk, HMAC_SHA256);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /**
   * HKDF-Expand(prk, info, 32) into {@code out[0, 32)}, where info is {@code label || 0x00 ||
   * context[off, off+len)}. {@code mac} is any HMAC-SHA256 instance; it is re-keyed with {@code
   * prk}.
   */
  static void expand(
      final Mac mac,
      final SecretKeySpec prk,
      final byte[] label,
      final byte[] context,
      final int off,
      final int len,
      final byte[] out) {
    init(mac, prk);
    mac.update(label);
    mac.update((byte) 0);
    mac.update(context, off, len);
    mac.update((byte) 1);
    try {
      mac.doFinal(out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  static void init(final Mac mac, final SecretKeySpec key) {
    try {
      mac.init(key);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC refused a key", e);
    }
  }
}
