package io.systole.engine.agent;

import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.EnvelopeLayout;
import io.systole.media.secure.EnvelopeSealer;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Seals a node's outgoing Heartbeat messages into Systole envelopes, on {@code systole-send}: the
 * one sealer of the process (so no nonce repeats), one envelope per message, the same envelope on
 * every medium. UDP carries the envelope as it stands; a serial line, whose classic framing is
 * text, carries it in hex in a small Heartbeat message ({@code t=sy_env}, {@code src}, {@code ttl},
 * {@code sy_env=HEX}) so Heartbeat's serial forwarding still works: a forwarder lowers {@code ttl}
 * and re-signs the outer message (inner crc keys) without touching the envelope.
 */
final class EnvelopeWriter {
  /** The serial frame's type and field name. */
  static final String SY_ENV = "sy_env";

  private final String self;
  private final EnvelopeSealer sealer;
  private final NetstringCodec inner = new NetstringCodec(HeartbeatKeys.inner());
  private final ClassicCodec serial = new ClassicCodec(HeartbeatKeys.inner());
  private final byte[] out = new byte[EnvelopeLayout.MAX_PAYLOAD + 512];
  private int length;

  EnvelopeWriter(final EnvelopeKeys keys, final String self, final long generation) {
    this.self = self;
    this.sealer = new EnvelopeSealer(keys, self, generation);
  }

  /** Seals with {@code keys} from now on, continuing the generation and the sequence. */
  void useKeys(final EnvelopeKeys keys) {
    sealer.useKeys(keys);
  }

  /** Seals {@code message} and returns the envelope (valid until the next call). */
  ByteBuffer seal(final HeartbeatMessage message) {
    final byte[] payload = inner.encode(message);
    length = sealer.seal(payload, 0, payload.length, out, 0);
    return ByteBuffer.wrap(out, 0, length);
  }

  /** The last sealed envelope as a serial frame that may travel {@code ttl} more hops. */
  ByteBuffer serialFrame(final int ttl) {
    return ByteBuffer.wrap(
        serial.encode(
            HeartbeatMessage.builder()
                .add("t", SY_ENV)
                .add("src", self)
                .add("ttl", Integer.toString(ttl))
                .add(SY_ENV, HexFormat.of().formatHex(out, 0, length))
                .build()));
  }
}
