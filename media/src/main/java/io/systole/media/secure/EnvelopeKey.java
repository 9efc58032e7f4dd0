package io.systole.media.secure;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One modern authkeys key: {@code SLOT systole-... SECRET}. Keeps only keys derived from the secret
 * with HKDF-SHA256, never the secret itself: in HMAC mode the HMAC key; in AES-GCM mode the
 * pseudorandom key from which each sender's own AES-256 key is derived ({@code info} = mode
 * keyword, 0, sender name), so two senders never encrypt under one key. Immutable and safe to share
 * between threads. Key material never appears in {@link #toString()} or in any exception message.
 */
public final class EnvelopeKey {
  private static final byte[] MAC_CONTEXT = "mac".getBytes(StandardCharsets.US_ASCII);

  private final int slot;
  private final SecureMode mode;
  private final byte[] label;
  private final SecretKeySpec prk;
  private final SecretKeySpec macKey;

  private EnvelopeKey(final int slot, final SecureMode mode, final SecretKeySpec prk) {
    this.slot = slot;
    this.mode = mode;
    this.label = mode.keyword().getBytes(StandardCharsets.US_ASCII);
    this.prk = prk;
    if (mode == SecureMode.HMAC_SHA256) {
      final byte[] k = new byte[Hkdf.KEY_LENGTH];
      Hkdf.expand(Hkdf.newMac(), prk, label, MAC_CONTEXT, 0, MAC_CONTEXT.length, k);
      this.macKey = new SecretKeySpec(k, Hkdf.HMAC_SHA256);
      Arrays.fill(k, (byte) 0);
    } else {
      this.macKey = null;
    }
  }

  /**
   * The key in slot {@code slot} (the authkeys index) for {@code mode}, derived from {@code
   * secret}. The caller may wipe {@code secret} afterwards: nothing keeps it.
   *
   * @throws IllegalArgumentException if the slot is outside 0..15 or the secret is empty
   */
  public static EnvelopeKey of(final int slot, final SecureMode mode, final byte[] secret) {
    if (slot < 0 || slot > EnvelopeLayout.MAX_SLOT) {
      throw new IllegalArgumentException(
          "key slot must be 0.." + EnvelopeLayout.MAX_SLOT + ": " + slot);
    }
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("key " + slot + " needs a secret");
    }
    return new EnvelopeKey(slot, mode, Hkdf.extract(secret));
  }

  /** The key from a secret written in authkeys: its UTF-8 bytes. */
  public static EnvelopeKey of(final int slot, final SecureMode mode, final String secret) {
    final byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    try {
      return of(slot, mode, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The slot: the authkeys index, 0..15, written into every envelope. */
  public int slot() {
    return slot;
  }

  /** The mode. */
  public SecureMode mode() {
    return mode;
  }

  /** HMAC mode: the HMAC-SHA256 key. */
  SecretKeySpec macKey() {
    return macKey;
  }

  /**
   * AES-GCM mode: the AES-256 key of the sender named by {@code name[off, off+len)}, derived with
   * {@code hkdf} (any HMAC-SHA256 instance, re-keyed here). Allocates; callers cache the result.
   */
  SecretKeySpec senderKey(final Mac hkdf, final byte[] name, final int off, final int len) {
    final byte[] k = new byte[Hkdf.KEY_LENGTH];
    Hkdf.expand(hkdf, prk, label, name, off, len, k);
    try {
      return new SecretKeySpec(k, "AES");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "EnvelopeKey[slot " + slot + " " + mode.keyword() + " <secret>]";
  }
}
