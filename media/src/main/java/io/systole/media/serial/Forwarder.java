package io.systole.media.serial;

import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Heartbeat's serial ring, for one serial link: a frame read there that authenticates, is not from
 * this node and still has {@code ttl} left is re-sent on the node's other serial links with {@code
 * ttl} one lower and signed afresh (the inner {@code auth} covers {@code ttl}). A frame arriving
 * with {@code ttl} 0 or less goes no further, which is what ends a loop in a ring of cables; one
 * from this node has gone round and goes no further either. Forwarding allocates (decode and
 * encode), which is fine at serial speeds. Used by the link's reader thread only.
 */
final class Forwarder {
  private static final String SRC = "src";
  private static final String TTL = "ttl";

  private final String us;
  private final ClassicCodec codec;
  private final List<SerialLink> ring;

  Forwarder(final String us, final AuthKeys keys, final List<SerialLink> ring) {
    this.us = us;
    this.codec = new ClassicCodec(keys);
    this.ring = ring;
  }

  /** Considers frame {@code buf[0, len)} read on {@code from}. */
  void consider(final SerialLink from, final byte[] buf, final int len) {
    final HeartbeatMessage m;
    try {
      m = codec.decode(buf, 0, len);
    } catch (WireFormatException e) {
      from.rejectedOne();
      return;
    }
    final String src = m.get(SRC);
    final int ttl = ttl(m.get(TTL));
    if (src == null || ttl == Integer.MIN_VALUE) {
      from.rejectedOne();
      return;
    }
    if (src.equals(us)) {
      return;
    }
    if (ttl <= 0) {
      from.ttlSpentOne();
      return;
    }
    final ByteBuffer out;
    try {
      out = ByteBuffer.wrap(codec.encode(m.with(TTL, Integer.toString(ttl - 1))));
    } catch (IllegalArgumentException e) {
      from.rejectedOne();
      return;
    }
    // Counted before the sends, so that whoever sees the forwarded frame also sees the count.
    from.forwardedOne();
    for (final SerialLink to : ring) {
      if (to != from) {
        to.send(out);
      }
    }
  }

  /**
   * A decimal ttl (optionally negative), or {@link Integer#MIN_VALUE} if absent or not a number.
   */
  private static int ttl(final String text) {
    if (text == null || text.isEmpty() || text.length() > 9) {
      return Integer.MIN_VALUE;
    }
    int i = text.charAt(0) == '-' ? 1 : 0;
    if (i == text.length()) {
      return Integer.MIN_VALUE;
    }
    int v = 0;
    for (; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Integer.MIN_VALUE;
      }
      v = v * 10 + c - '0';
    }
    return text.charAt(0) == '-' ? -v : v;
  }
}
