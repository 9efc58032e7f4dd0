package io.systole.media.secure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals payloads into envelopes ({@link EnvelopeLayout}) for one sender: this node, in one
 * generation, with sequence numbers 1, 2, 3, ... Every medium sends the same sealed bytes; the
 * receivers' replay windows drop the extra copies.
 *
 * <p><b>Nonce uniqueness (AES-GCM).</b> The nonce is the generation's 32 bits followed by the
 * sequence's 64 (12 bytes), under a key that belongs to this sender alone (HKDF of the secret with
 * the sender's name), so it only has to be unique among this node's own envelopes. The sequence
 * grows by one per envelope and never wraps (the sealer stops at 2^63-1). The generation comes from
 * {@link GenerationStore}: every start persists (temp file, fsync, rename, directory fsync) a
 * generation above every one it persisted before, before the first envelope is sealed; so two
 * starts never share a generation, and no (generation, sequence) pair repeats. Keep one sealer per
 * process; switch keys with {@link #useKeys}, which keeps the sequence. What would break it: two
 * live nodes configured with the same name and key, or a generation file restored from a backup
 * while the clock is also set back (the generation's wall-clock floor covers a lost or restored
 * file as long as the clock has moved past the lost generation).
 *
 * <p><b>Allocation.</b> Buffers, the {@link Mac} per slot and the {@link Cipher} are reused. The
 * JDK still allocates inside some calls: {@code Mac.doFinal} builds its 32-byte result before
 * copying it out, and every AES-GCM message needs a new {@link GCMParameterSpec} (the JCA has no
 * other way to pass a nonce) plus the GCM engine state {@code Cipher.init} builds. Not thread-safe.
 */
public final class EnvelopeSealer {
  private final byte[] sender;
  private final long generation;
  private final Mac[] macs = new Mac[EnvelopeLayout.MAX_SLOT + 1];
  private final SecretKeySpec[] aesKeys = new SecretKeySpec[EnvelopeLayout.MAX_SLOT + 1];
  private final byte[] nonce = new byte[12];
  private final Mac hkdf = Hkdf.newMac();
  private Cipher gcm;
  private EnvelopeKeys keys;
  private long nextSequence = 1;

  /**
   * A sealer for the node named {@code senderName} in generation {@code generation}, sealing with
   * {@code keys.sender()}.
   *
   * @throws IllegalArgumentException if the name is empty or longer than {@link
   *     EnvelopeLayout#MAX_SENDER} bytes, the generation is outside 1..{@link
   *     EnvelopeLayout#MAX_GENERATION}, or the keys cannot seal
   */
  public EnvelopeSealer(final EnvelopeKeys keys, final String senderName, final long generation) {
    this.sender = senderName.getBytes(StandardCharsets.UTF_8);
    if (sender.length == 0 || sender.length > EnvelopeLayout.MAX_SENDER) {
      throw new IllegalArgumentException(
          "sender name must be 1.." + EnvelopeLayout.MAX_SENDER + " bytes: " + senderName);
    }
    if (generation < 1 || generation > EnvelopeLayout.MAX_GENERATION) {
      throw new IllegalArgumentException(
          "generation must be 1.." + EnvelopeLayout.MAX_GENERATION + ": " + generation);
    }
    this.generation = generation;
    useKeys(keys);
  }

  /**
   * Seals with {@code newKeys.sender()} from now on, continuing the same generation and sequence (a
   * new sealer would restart the sequence and repeat nonces).
   *
   * @throws IllegalArgumentException if {@code newKeys} cannot seal
   */
  public void useKeys(final EnvelopeKeys newKeys) {
    if (!newKeys.canSeal()) {
      throw new IllegalArgumentException("these keys cannot seal: auth names no Systole key");
    }
    this.keys = newKeys;
    Arrays.fill(macs, null);
    Arrays.fill(aesKeys, null);
  }

  /** This sender's generation. */
  public long generation() {
    return generation;
  }

  /** The sequence number the next envelope gets. */
  public long nextSequence() {
    return nextSequence;
  }

  /** The slot of the key that seals. */
  public int slot() {
    return keys.sender().slot();
  }

  /** The envelope's length for a payload of {@code payloadLength} bytes with the current key. */
  public int sealedLength(final int payloadLength) {
    return EnvelopeLayout.sealedLength(keys.sender().mode(), sender.length, payloadLength);
  }

  /**
   * Seals {@code payload[off, off+len)} into {@code out} at {@code outOff} with the next sequence
   * number and returns the envelope's length ({@link #sealedLength}). {@code out} must not overlap
   * the payload.
   *
   * @throws IllegalArgumentException if the payload is longer than {@link
   *     EnvelopeLayout#MAX_PAYLOAD} or {@code out} has less room than the envelope needs
   * @throws IllegalStateException when the sequence numbers are exhausted (2^63-1 envelopes)
   */
  public int seal(
      final byte[] payload, final int off, final int len, final byte[] out, final int outOff) {
    if (len < 0 || len > EnvelopeLayout.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload must be 0.." + EnvelopeLayout.MAX_PAYLOAD + " bytes: " + len);
    }
    final EnvelopeKey key = keys.sender();
    final int total = EnvelopeLayout.sealedLength(key.mode(), sender.length, len);
    if (outOff < 0 || out.length - outOff < total) {
      throw new IllegalArgumentException("output has no room for " + total + " bytes");
    }
    if (nextSequence == Long.MAX_VALUE) {
      throw new IllegalStateException("sequence numbers exhausted: restart for a new generation");
    }
    final long seq = nextSequence++;
    final int headerLength = writeHeader(key, seq, len, out, outOff);
    final int payloadOff = outOff + headerLength;
    try {
      if (key.mode() == SecureMode.HMAC_SHA256) {
        System.arraycopy(payload, off, out, payloadOff, len);
        final Mac mac = mac(key);
        mac.update(out, outOff, headerLength + len);
        mac.doFinal(out, payloadOff + len);
      } else {
        Nonces.write(nonce, generation, seq);
        final Cipher c = gcm();
        c.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(128, nonce));
        c.updateAAD(out, outOff, headerLength);
        c.doFinal(payload, off, len, out, payloadOff);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
    }
    return total;
  }

  /** Seals a whole payload into a new array (allocates; for tests and tools). */
  public byte[] seal(final byte[] payload) {
    final byte[] out = new byte[sealedLength(payload.length)];
    seal(payload, 0, payload.length, out, 0);
    return out;
  }

  private int writeHeader(
      final EnvelopeKey key, final long seq, final int len, final byte[] out, final int at) {
    out[at] = EnvelopeLayout.MAGIC_0;
    out[at + 1] = EnvelopeLayout.MAGIC_1;
    out[at + EnvelopeLayout.VERSION_OFFSET] = (byte) EnvelopeLayout.VERSION;
    out[at + EnvelopeLayout.MODE_OFFSET] = (byte) key.mode().code();
    out[at + EnvelopeLayout.SLOT_OFFSET] = (byte) key.slot();
    out[at + EnvelopeLayout.SENDER_LENGTH_OFFSET] = (byte) sender.length;
    EnvelopeLayout.putLong(out, at + EnvelopeLayout.GENERATION_OFFSET, generation);
    EnvelopeLayout.putLong(out, at + EnvelopeLayout.SEQUENCE_OFFSET, seq);
    EnvelopeLayout.putInt(out, at + EnvelopeLayout.PAYLOAD_LENGTH_OFFSET, len);
    System.arraycopy(sender, 0, out, at + EnvelopeLayout.SENDER_OFFSET, sender.length);
    return EnvelopeLayout.headerLength(sender.length);
  }

  private Mac mac(final EnvelopeKey key) {
    Mac mac = macs[key.slot()];
    if (mac == null) {
      mac = Hkdf.newMac();
      Hkdf.init(mac, key.macKey());
      macs[key.slot()] = mac;
    }
    return mac;
  }

  private SecretKeySpec aesKey(final EnvelopeKey key) {
    SecretKeySpec k = aesKeys[key.slot()];
    if (k == null) {
      k = key.senderKey(hkdf, sender, 0, sender.length);
      aesKeys[key.slot()] = k;
    }
    return k;
  }

  private Cipher gcm() {
    if (gcm == null) {
      gcm = Nonces.newGcm();
    }
    return gcm;
  }

  @Override
  public String toString() {
    return "EnvelopeSealer["
        + new String(sender, StandardCharsets.UTF_8)
        + " generation "
        + generation
        + ", next "
        + nextSequence
        + ", slot "
        + slot()
        + "]";
  }
}
