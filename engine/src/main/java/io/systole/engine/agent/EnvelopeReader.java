package io.systole.engine.agent;

import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.EnvelopeLayout;
import io.systole.media.secure.EnvelopeOpener;
import io.systole.media.secure.Verdict;
import io.systole.media.wire.HeartbeatView;
import java.time.InstantSource;

/**
 * Opens the Systole envelopes a node receives, on {@code systole-verify}: a datagram that is an
 * envelope as it stands, or a serial frame that carries one in hex ({@link EnvelopeWriter}). The
 * opened payload, a Heartbeat message, waits in {@link #payload()} for the verify stage to read.
 * Allocates nothing for well-formed input.
 */
final class EnvelopeReader {
  /** The type and the field of the serial frame that carries an envelope. */
  static final byte[] SY_ENV = HeartbeatView.ascii(EnvelopeWriter.SY_ENV);

  private final EnvelopeOpener opener;
  private final byte[] sealed = new byte[EnvelopeLayout.MAX_PAYLOAD + 512];
  private final byte[] payload = new byte[EnvelopeLayout.MAX_PAYLOAD];
  private int payloadLength;

  EnvelopeReader(final EnvelopeKeys keys, final InstantSource clock) {
    this.opener = new EnvelopeOpener(keys, clock);
  }

  /** Opens with {@code keys} from now on; the replay windows stay. */
  void useKeys(final EnvelopeKeys keys) {
    opener.useKeys(keys);
  }

  /** Whether the datagram {@code data[0, len)} is an envelope rather than a Heartbeat message. */
  static boolean isEnvelope(final byte[] data, final int len) {
    return len >= 2 && data[0] == EnvelopeLayout.MAGIC_0 && data[1] == EnvelopeLayout.MAGIC_1;
  }

  /** Opens the envelope {@code data[0, len)}; null when {@link #payload()} holds its message. */
  Drop openDatagram(final byte[] data, final int len) {
    return open(data, len);
  }

  /**
   * Opens the envelope carried in hex by the serial frame {@code frame} (wrapped, of type {@link
   * #SY_ENV}); null when {@link #payload()} holds its message.
   */
  Drop openSerial(final HeartbeatView frame) {
    final int field = frame.indexOf(SY_ENV);
    if (field < 0) {
      return Drop.MALFORMED;
    }
    final int digits = frame.valueLength(field);
    if (digits % 2 != 0 || digits / 2 > sealed.length) {
      return Drop.MALFORMED;
    }
    final byte[] text = frame.buffer();
    final int at = frame.valueOffset(field);
    for (int i = 0; i < digits; i += 2) {
      final int hi = Character.digit(text[at + i], 16);
      final int lo = Character.digit(text[at + i + 1], 16);
      if (hi < 0 || lo < 0) {
        return Drop.MALFORMED;
      }
      sealed[i / 2] = (byte) (hi << 4 | lo);
    }
    return open(sealed, digits / 2);
  }

  private Drop open(final byte[] data, final int len) {
    final Verdict v = opener.open(data, 0, len, payload, 0);
    payloadLength = v == Verdict.ACCEPTED || v == Verdict.DUPLICATE ? opener.payloadLength() : 0;
    return drop(v);
  }

  /** The last opened envelope's payload (valid up to {@link #payloadLength()}). */
  byte[] payload() {
    return payload;
  }

  int payloadLength() {
    return payloadLength;
  }

  /** Who sealed the last opened envelope. */
  String sender() {
    return opener.sender();
  }

  /** What an envelope's verdict counts as; null for one to deliver (new, or a copy). */
  static Drop drop(final Verdict v) {
    return switch (v) {
      case ACCEPTED, DUPLICATE -> null;
      case TRUNCATED -> Drop.TRUNCATED;
      case OVERSIZED -> Drop.OVERSIZED;
      case MALFORMED, UNSUPPORTED_VERSION -> Drop.MALFORMED;
      case UNKNOWN_SLOT, MODE_MISMATCH -> Drop.UNKNOWN_KEY;
      case FUTURE_GENERATION -> Drop.IMPLAUSIBLE_GENERATION;
      case OLD_GENERATION -> Drop.STALE_GENERATION;
      case BEHIND_WINDOW -> Drop.REPLAYED;
      case TOO_MANY_SENDERS -> Drop.UNKNOWN_NODE;
      case BAD_TAG -> Drop.BAD_AUTH;
    };
  }
}
