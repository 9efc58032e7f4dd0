package io.systole.bench;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code reqnodes} messages a Heartbeat peer sends a node, one per call, each with the next
 * sequence number, signed with sha1 in netstring framing. The first datagram comes from {@link
 * NetstringCodec}; the following ones are that datagram with the eight {@code seq} digits rewritten
 * and both signatures (the inner {@code auth} over the classic text, the trailer over the datagram)
 * recomputed in place, so that a request costs two HMAC-SHA1 and no allocation. A new message
 * encoded by {@link NetstringCodec#encode} for each request would put about 600 bytes of garbage
 * (and about 1 us) on the client side of both benchmarks, and a precomputed batch large enough for
 * a whole trial (a fresh {@code seq} per request, hundreds of thousands of requests) would not fit
 * a reasonable heap. The set-up checks the rewritten datagrams against the codec's.
 */
final class ReqnodesStream {
  /** The first sequence number: eight hex digits, so every later one has as many. */
  static final long FIRST_SEQ = 0x1000_0000L;

  private static final int SEQ_DIGITS = 8;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final HeartbeatMessage template;
  private final AuthKeys keys;
  private final Authenticator signer;
  private final byte[] datagram;
  private final byte[] classic;
  private final int seqAt;
  private final int classicSeqAt;
  private final int innerAt;
  private final int signedEnd;
  private final int trailerAt;
  private long seq = FIRST_SEQ - 1;

  /**
   * Copies of {@code template} (a {@code reqnodes} with a {@code seq} field) with rising sequence
   * numbers, signed by {@code signer} (sha1).
   */
  ReqnodesStream(final HeartbeatMessage template, final Authenticator signer) {
    this.template = template;
    this.signer = signer;
    this.keys = AuthKeys.of(signer.index(), signer);
    final HeartbeatMessage first = message(FIRST_SEQ);
    datagram = new NetstringCodec(keys).encode(first);
    classic = HeartbeatReceive.classicText(first);
    seqAt = after(datagram, 0, "(0)seq=");
    classicSeqAt = after(classic, 0, "\nseq=");
    innerAt = after(datagram, 0, "(0)auth=" + signer.index() + " ");
    signedEnd = after(datagram, 0, "%%%\n");
    trailerAt = after(datagram, signedEnd, ":" + signer.index() + " ");
    check();
  }

  /** The request with sequence number {@code s}. */
  private HeartbeatMessage message(final long s) {
    return template.with("seq", Long.toHexString(s));
  }

  /** The next request; the array is reused by the following call. */
  byte[] next() {
    seq++;
    if (seq >>> (4 * SEQ_DIGITS) != 0) {
      throw new IllegalStateException("sequence numbers exhausted");
    }
    for (int i = SEQ_DIGITS - 1, v = (int) seq; i >= 0; i--, v >>>= 4) {
      datagram[seqAt + i] = HEX[v & 0xf];
      classic[classicSeqAt + i] = HEX[v & 0xf];
    }
    final int inner = signer.digestHex(classic, 0, classic.length, datagram, innerAt);
    final int trailer = signer.digestHex(datagram, 0, signedEnd, datagram, trailerAt);
    if (inner != trailer || inner != signer.method().maxHexLength()) {
      throw new IllegalStateException("a digest changed length: " + inner + ", " + trailer);
    }
    return datagram;
  }

  /** The sequence number of the last request {@link #next} returned. */
  long seq() {
    return seq;
  }

  /** Rewriting in place must give what the codec encodes, byte for byte. */
  private void check() {
    final NetstringCodec codec = new NetstringCodec(keys);
    for (final long s : new long[] {FIRST_SEQ, FIRST_SEQ + 1, FIRST_SEQ + 0xabcdef}) {
      seq = s - 1;
      final byte[] expected = codec.encode(message(s));
      if (!Arrays.equals(next(), expected)) {
        throw new IllegalStateException(
            "rewritten reqnodes differs from the codec's for seq " + Long.toHexString(s));
      }
    }
    seq = FIRST_SEQ - 1;
  }

  /** The offset just past the first {@code marker} at or after {@code from}. */
  private static int after(final byte[] data, final int from, final String marker) {
    final byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    for (int i = from; i + m.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + m.length, m, 0, m.length)) {
        return i + m.length;
      }
    }
    throw new IllegalStateException("no '" + marker.trim() + "' in the encoded request");
  }
}
