package io.systole.media.secure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens envelopes ({@link EnvelopeLayout}) from any sender: checks the framing, the key slot, the
 * generation's bound and the sender's {@link ReplayWindow} (read-only), then the tag, and only then
 * moves the window and delivers the payload. Every envelope gets a {@link Verdict}, counted by
 * {@link #count}; {@link #open} never throws on any input.
 *
 * <p><b>Why one forged envelope cannot lock a sender out</b> (Heartbeat's {@code hg=ffffffff}
 * weakness): the window moves only for an envelope whose tag verified, so forged bytes change no
 * state at all; and a generation more than {@link Limits#maxAheadSeconds()} ahead of this node's
 * clock is refused before anything else is looked at, even with a valid tag. Generations are the
 * sender's start time in seconds (see {@link GenerationStore}), so a genuine sender is never that
 * far ahead unless its clock is; the bound keeps a sender with a broken clock, a replayed envelope
 * from such a sender, or a holder of the key from pushing a receiver's window beyond where the
 * genuine sender's next start can reach.
 *
 * <p><b>Allocation.</b> Buffers, the {@link Mac} per slot, the {@link Cipher} and each known
 * sender's AES key are reused; a new sender costs one window and, in AES-GCM mode, one key
 * derivation (also for each envelope from a not yet authenticated name). The JDK allocates inside
 * {@code Mac.doFinal} and, for every AES-GCM envelope, a {@link GCMParameterSpec} and the state
 * {@code Cipher.init} builds (and it buffers the ciphertext until the tag is checked). Not
 * thread-safe.
 */
public final class EnvelopeOpener {
  /**
   * How much an opener tolerates.
   *
   * @param windowSize the replay window per sender, a power of two 64..65536
   * @param maxSenders how many senders it tracks; envelopes from more are refused
   * @param maxAheadSeconds how far a generation may be ahead of this node's clock, in seconds
   */
  public record Limits(int windowSize, int maxSenders, long maxAheadSeconds) {
    /** 1024 sequence numbers, 256 senders, one day ahead. */
    public static final Limits DEFAULTS = new Limits(ReplayWindow.DEFAULT_SIZE, 256, 86_400);

    /** Checks the limits. */
    public Limits {
      ReplayWindow.checkSize(windowSize);
      if (maxSenders < 1 || maxAheadSeconds < 0) {
        throw new IllegalArgumentException("maxSenders >= 1 and maxAheadSeconds >= 0");
      }
    }
  }

  private final InstantSource clock;
  private final Limits limits;
  private final long[] counts = new long[Verdict.values().length];
  private final Mac[] macs = new Mac[EnvelopeLayout.MAX_SLOT + 1];
  private final byte[] scratch = new byte[32];
  private final byte[] nonce = new byte[12];
  private final Mac hkdf = Hkdf.newMac();
  private final byte[][] names;
  private final String[] nameStrings;
  private final ReplayWindow[] windows;
  private final SecretKeySpec[][] aesKeys;
  private int senders;
  private Cipher gcm;
  private EnvelopeKeys keys;
  private SecretKeySpec verifiedKey;

  private int lastSender = -1;
  private int lastSlot;
  private long lastGeneration;
  private long lastSequence;
  private int lastPayloadLength;

  /** An opener with {@link Limits#DEFAULTS} and the clock {@code clock}. */
  public EnvelopeOpener(final EnvelopeKeys keys, final InstantSource clock) {
    this(keys, clock, Limits.DEFAULTS);
  }

  /** An opener that opens with any of {@code keys}, reading the time from {@code clock}. */
  public EnvelopeOpener(final EnvelopeKeys keys, final InstantSource clock, final Limits limits) {
    this.keys = keys;
    this.clock = clock;
    this.limits = limits;
    this.names = new byte[limits.maxSenders()][];
    this.nameStrings = new String[limits.maxSenders()];
    this.windows = new ReplayWindow[limits.maxSenders()];
    this.aesKeys = new SecretKeySpec[limits.maxSenders()][];
  }

  /** Opens with {@code newKeys} from now on; the replay windows stay. */
  public void useKeys(final EnvelopeKeys newKeys) {
    this.keys = newKeys;
    Arrays.fill(macs, null);
    for (int i = 0; i < senders; i++) {
      Arrays.fill(aesKeys[i], null);
    }
  }

  /**
   * Opens the envelope {@code data[off, off+len)} and, if it is {@link Verdict#ACCEPTED}, writes
   * its payload to {@code payloadOut} at {@code payloadOff}; after any other verdict {@code
   * payloadOut}'s content is unspecified. The output may be the input array (in place).
   *
   * @throws IllegalArgumentException if {@code payloadOut} has less than {@link
   *     EnvelopeLayout#MAX_PAYLOAD} bytes of room after {@code payloadOff} (never for any input)
   * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code data}
   */
  public Verdict open(
      final byte[] data,
      final int off,
      final int len,
      final byte[] payloadOut,
      final int payloadOff) {
    Objects.checkFromIndexSize(off, len, data.length);
    if (payloadOff < 0 || payloadOut.length - payloadOff < EnvelopeLayout.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload buffer needs " + EnvelopeLayout.MAX_PAYLOAD + " bytes of room");
    }
    final Verdict v = openChecked(data, off, len, payloadOut, payloadOff);
    counts[v.ordinal()]++;
    return v;
  }

  private Verdict openChecked(
      final byte[] data, final int off, final int len, final byte[] out, final int outOff) {
    if (len >= 2
        && (data[off] != EnvelopeLayout.MAGIC_0 || data[off + 1] != EnvelopeLayout.MAGIC_1)) {
      return Verdict.MALFORMED;
    }
    if (len < EnvelopeLayout.SENDER_OFFSET) {
      return Verdict.TRUNCATED;
    }
    if (data[off + EnvelopeLayout.VERSION_OFFSET] != EnvelopeLayout.VERSION) {
      return Verdict.UNSUPPORTED_VERSION;
    }
    final SecureMode mode = SecureMode.fromCode(data[off + EnvelopeLayout.MODE_OFFSET] & 0xFF);
    final int senderLength = data[off + EnvelopeLayout.SENDER_LENGTH_OFFSET] & 0xFF;
    if (mode == null || senderLength == 0 || senderLength > EnvelopeLayout.MAX_SENDER) {
      return Verdict.MALFORMED;
    }
    final int payloadLength =
        EnvelopeLayout.getInt(data, off + EnvelopeLayout.PAYLOAD_LENGTH_OFFSET);
    if (payloadLength < 0 || payloadLength > EnvelopeLayout.MAX_PAYLOAD) {
      return Verdict.OVERSIZED;
    }
    final int headerLength = EnvelopeLayout.headerLength(senderLength);
    final int total = EnvelopeLayout.sealedLength(mode, senderLength, payloadLength);
    if (len != total) {
      return len < total ? Verdict.TRUNCATED : Verdict.MALFORMED;
    }
    final long gen = EnvelopeLayout.getLong(data, off + EnvelopeLayout.GENERATION_OFFSET);
    final long seq = EnvelopeLayout.getLong(data, off + EnvelopeLayout.SEQUENCE_OFFSET);
    if (gen < 1 || gen > EnvelopeLayout.MAX_GENERATION || seq < 1) {
      return Verdict.MALFORMED;
    }
    final int slot = data[off + EnvelopeLayout.SLOT_OFFSET] & 0xFF;
    final EnvelopeKey key = keys.forSlot(slot);
    if (key == null) {
      return Verdict.UNKNOWN_SLOT;
    }
    if (key.mode() != mode) {
      return Verdict.MODE_MISMATCH;
    }
    if (gen > clock.millis() / 1000 + limits.maxAheadSeconds()) {
      return Verdict.FUTURE_GENERATION;
    }
    final int nameOff = off + EnvelopeLayout.SENDER_OFFSET;
    final int who = find(data, nameOff, senderLength);
    if (who < 0 && senders == names.length) {
      return Verdict.TOO_MANY_SENDERS;
    }
    final Verdict fresh = who >= 0 ? windows[who].check(gen, seq) : Verdict.ACCEPTED;
    if (fresh != Verdict.ACCEPTED && fresh != Verdict.DUPLICATE) {
      return fresh;
    }
    // A duplicate is checked too: an authentic copy proves the medium it came on works.
    final boolean authentic =
        mode == SecureMode.HMAC_SHA256
            ? verifyMac(key, data, off, headerLength, payloadLength, out, outOff)
            : decrypt(key, who, data, off, headerLength, payloadLength, gen, seq, out, outOff);
    if (!authentic) {
      return Verdict.BAD_TAG;
    }
    final int s = who >= 0 ? who : add(data, nameOff, senderLength);
    if (mode == SecureMode.AES256_GCM) {
      aesKeys[s][slot] = verifiedKey;
    }
    if (fresh == Verdict.ACCEPTED) {
      windows[s].accept(gen, seq);
    }
    lastSender = s;
    lastSlot = slot;
    lastGeneration = gen;
    lastSequence = seq;
    lastPayloadLength = payloadLength;
    return fresh;
  }

  private boolean verifyMac(
      final EnvelopeKey key,
      final byte[] data,
      final int off,
      final int headerLength,
      final int payloadLength,
      final byte[] out,
      final int outOff) {
    final Mac mac = mac(key);
    mac.update(data, off, headerLength + payloadLength);
    try {
      mac.doFinal(scratch, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    int diff = 0;
    final int tagOff = off + headerLength + payloadLength;
    for (int i = 0; i < scratch.length; i++) {
      diff |= scratch[i] ^ data[tagOff + i];
    }
    if (diff != 0) {
      return false;
    }
    System.arraycopy(data, off + headerLength, out, outOff, payloadLength);
    return true;
  }

  private boolean decrypt(
      final EnvelopeKey key,
      final int who,
      final byte[] data,
      final int off,
      final int headerLength,
      final int payloadLength,
      final long gen,
      final long seq,
      final byte[] out,
      final int outOff) {
    SecretKeySpec aes = who >= 0 ? aesKeys[who][key.slot()] : null;
    if (aes == null) {
      aes =
          key.senderKey(
              hkdf,
              data,
              off + EnvelopeLayout.SENDER_OFFSET,
              headerLength - EnvelopeLayout.SENDER_OFFSET);
    }
    Nonces.write(nonce, gen, seq);
    try {
      final Cipher c = gcm();
      c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
      c.updateAAD(data, off, headerLength);
      c.doFinal(data, off + headerLength, payloadLength + 16, out, outOff);
      verifiedKey = aes;
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("opening failed: " + e.getClass().getSimpleName(), e);
    }
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

  private Cipher gcm() {
    if (gcm == null) {
      gcm = Nonces.newGcm();
    }
    return gcm;
  }

  private int find(final byte[] data, final int nameOff, final int nameLength) {
    for (int i = 0; i < senders; i++) {
      if (Arrays.equals(names[i], 0, names[i].length, data, nameOff, nameOff + nameLength)) {
        return i;
      }
    }
    return -1;
  }

  private int add(final byte[] data, final int nameOff, final int nameLength) {
    final int s = senders++;
    names[s] = Arrays.copyOfRange(data, nameOff, nameOff + nameLength);
    nameStrings[s] = new String(names[s], StandardCharsets.UTF_8);
    windows[s] = new ReplayWindow(limits.windowSize());
    aesKeys[s] = new SecretKeySpec[EnvelopeLayout.MAX_SLOT + 1];
    return s;
  }

  /** How many envelopes got {@code verdict} so far. */
  public long count(final Verdict verdict) {
    return counts[verdict.ordinal()];
  }

  /** The sender of the last accepted envelope, or null before the first. */
  public String sender() {
    return lastSender < 0 ? null : nameStrings[lastSender];
  }

  /** The slot of the last accepted envelope. */
  public int slot() {
    return lastSlot;
  }

  /** The generation of the last accepted envelope. */
  public long generation() {
    return lastGeneration;
  }

  /** The sequence number of the last accepted envelope. */
  public long sequence() {
    return lastSequence;
  }

  /** The payload length of the last accepted envelope. */
  public int payloadLength() {
    return lastPayloadLength;
  }

  /** The replay window of {@code sender}, or null if no envelope of it was accepted yet. */
  public ReplayWindow window(final String sender) {
    for (int i = 0; i < senders; i++) {
      if (nameStrings[i].equals(sender)) {
        return windows[i];
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "EnvelopeOpener[" + senders + " senders, " + keys + "]";
  }
}
