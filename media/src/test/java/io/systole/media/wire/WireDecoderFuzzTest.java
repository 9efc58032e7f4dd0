package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Fuzzes both decoders with arbitrary bytes: each must return a message or raise {@link
 * WireFormatException}; anything else is a bug. The bytes are decoded as they are, and once more as
 * a netstring body followed by a valid (crc) trailer, so that mutations get past the signature; a
 * message that decodes must re-encode to one that decodes to itself. {@code mvn test} replays the
 * seed inputs; {@code JAZZER_FUZZ=1 mvn test -pl media -Dtest=WireDecoderFuzzTest} fuzzes for real.
 */
class WireDecoderFuzzTest {
  private static final Authenticator CRC = Authenticator.crc(2);
  private static final AuthKeys KEYS = AuthKeys.of(2, Authenticator.sha1(1, Samples.KEY), CRC);

  @FuzzTest(maxDuration = "60s")
  void decodeNeverFailsOtherwise(final byte[] data) {
    final NetstringCodec net = new NetstringCodec(KEYS);
    final ClassicCodec classic = new ClassicCodec(KEYS);
    checkRoundTrip(net::decode, net::encode, data);
    checkRoundTrip(classic::decode, classic::encode, data);
    final String tok = "2 " + CRC.digestHex(data);
    final byte[] trailer =
        (tok.length() + ":" + tok + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    final byte[] signed = Arrays.copyOf(data, data.length + trailer.length);
    System.arraycopy(trailer, 0, signed, data.length, trailer.length);
    checkRoundTrip(net::decode, net::encode, signed);
  }

  private interface Decoder {
    HeartbeatMessage decode(byte[] data) throws WireFormatException;
  }

  private static void checkRoundTrip(
      final Decoder decoder, final Function<HeartbeatMessage, byte[]> encoder, final byte[] data) {
    final HeartbeatMessage m;
    try {
      m = decoder.decode(data);
    } catch (WireFormatException expected) {
      return;
    }
    try {
      assertEquals(m, decoder.decode(encoder.apply(m)));
    } catch (WireFormatException e) {
      throw new AssertionError("re-encoded " + m + " does not decode", e);
    }
  }
}
