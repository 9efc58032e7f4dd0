package io.systole.media.secure;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte layout of a sealed envelope, version 1. All integers are unsigned big-endian.
 *
 * <pre>
 * offset     size  field
 *  0          2    magic "SY" (0x53 0x59): never the start of a Heartbeat frame ("###" or "&gt;&gt;&gt;")
 *  2          1    version, 1
 *  3          1    mode: 1 = systole-hmac-sha256, 2 = systole-aes256-gcm ({@link SecureMode#code()})
 *  4          1    slot: the authkeys index of the key, 0..15
 *  5          1    n, the length of the sender's name, 1..{@value #MAX_SENDER}
 *  6          8    generation: 1..2^32-1 in version 1 (the sender's persisted start count, seconds)
 * 14          8    sequence: 1..2^63-1, one more for every envelope of that generation
 * 22          4    m, the payload length, 0..{@value #MAX_PAYLOAD}
 * 26          n    the sender's node name, as in ha.cf (UTF-8)
 * 26+n        m    payload: in clear (HMAC mode) or the ciphertext (AES-GCM mode)
 * 26+n+m      t    tag: HMAC-SHA256 over bytes [0, 26+n+m) (t = 32), or the GCM tag with
 *                  bytes [0, 26+n) as associated data (t = 16)
 * </pre>
 *
 * <p>The header is bytes {@code [0, 26+n)}. An envelope is exactly {@code 26+n+m+t} bytes: a
 * datagram carries one; a byte stream (serial) can frame them by the fixed part alone.
 */
public final class EnvelopeLayout {
  /** First magic byte, {@code 'S'}. */
  public static final byte MAGIC_0 = 0x53;

  /** Second magic byte, {@code 'Y'}. */
  public static final byte MAGIC_1 = 0x59;

  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  /** Offset of the version byte. */
  public static final int VERSION_OFFSET = 2;

  /** Offset of the mode byte. */
  public static final int MODE_OFFSET = 3;

  /** Offset of the slot byte. */
  public static final int SLOT_OFFSET = 4;

  /** Offset of the sender-length byte. */
  public static final int SENDER_LENGTH_OFFSET = 5;

  /** Offset of the generation. */
  public static final int GENERATION_OFFSET = 6;

  /** Offset of the sequence number. */
  public static final int SEQUENCE_OFFSET = 14;

  /** Offset of the payload length. */
  public static final int PAYLOAD_LENGTH_OFFSET = 22;

  /** Offset of the sender's name; the fixed part of the header ends here. */
  public static final int SENDER_OFFSET = 26;

  /** Longest sender name in bytes (Linux host names have at most 64). */
  public static final int MAX_SENDER = 64;

  /** Largest payload, the 256 KiB Heartbeat allows for one message. */
  public static final int MAX_PAYLOAD = 256 * 1024;

  /** Largest authkeys index. */
  public static final int MAX_SLOT = 15;

  /** Largest generation of version 1: the AES-GCM nonce holds 32 bits of it. */
  public static final long MAX_GENERATION = 0xFFFF_FFFFL;

  /** Shortest possible envelope: one-byte name, empty payload, the shorter tag. */
  public static final int MIN_LENGTH = SENDER_OFFSET + 1 + SecureMode.AES256_GCM.tagLength();

  /** Longest possible envelope. */
  public static final int MAX_LENGTH =
      SENDER_OFFSET + MAX_SENDER + MAX_PAYLOAD + SecureMode.HMAC_SHA256.tagLength();

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private EnvelopeLayout() {}

  /** The header's length for a sender name of {@code senderLength} bytes. */
  public static int headerLength(final int senderLength) {
    return SENDER_OFFSET + senderLength;
  }

  /** The whole envelope's length. */
  public static int sealedLength(
      final SecureMode mode, final int senderLength, final int payloadLength) {
    return SENDER_OFFSET + senderLength + payloadLength + mode.tagLength();
  }

  static long getLong(final byte[] b, final int off) {
    return (long) LONG_BE.get(b, off);
  }

  static void putLong(final byte[] b, final int off, final long v) {
    LONG_BE.set(b, off, v);
  }

  static int getInt(final byte[] b, final int off) {
    return (int) INT_BE.get(b, off);
  }

  static void putInt(final byte[] b, final int off, final int v) {
    INT_BE.set(b, off, v);
  }
}
