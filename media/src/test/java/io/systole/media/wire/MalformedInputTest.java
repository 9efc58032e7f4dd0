package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every class of bad input is rejected with its own reason, and with nothing but that. */
class MalformedInputTest {
  private static final Authenticator SIGNER = Authenticator.sha1(1, Samples.KEY);
  private final NetstringCodec net = new NetstringCodec(Samples.sha1Keys());
  private final ClassicCodec classic = new ClassicCodec(Samples.sha1Keys());

  private interface Decoder {
    HeartbeatMessage decode(byte[] data, int off, int len) throws WireFormatException;
  }

  private static byte[] ascii(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code ###\n + fields + %%%\n} and a correct trailer. */
  private static byte[] signed(final String fields) {
    final String body = "###\n" + fields + "%%%\n";
    final String tok = "1 " + SIGNER.digestHex(ascii(body));
    return ascii(body + tok.length() + ":" + tok + ",");
  }

  /** A classic frame whose auth line signs {@code text} correctly. */
  private static byte[] classicFrame(final String lines, final String signedText) {
    return ascii(">>>\n" + lines + "auth=1 " + SIGNER.digestHex(ascii(signedText)) + "\n<<<\n");
  }

  private static void assertReason(final Reason reason, final Decoder d, final byte[] data) {
    assertReason(reason, d, data, data.length);
  }

  private static void assertReason(
      final Reason reason, final Decoder d, final byte[] data, final int len) {
    // Also at an offset inside a larger buffer, so that offsets are honoured.
    final byte[] padded = new byte[len + 7];
    Arrays.fill(padded, (byte) '9');
    System.arraycopy(data, 0, padded, 3, len);
    for (final int off : new int[] {0, 3}) {
      final byte[] buf = off == 0 ? data : padded;
      final WireFormatException e =
          assertThrows(
              WireFormatException.class,
              () -> d.decode(buf, off, len),
              () -> new String(data, 0, len, StandardCharsets.ISO_8859_1));
      assertEquals(reason, e.reason(), e::getMessage);
    }
  }

  @Test
  void handBuiltNetstringIsValid() throws WireFormatException {
    assertEquals("status", net.decode(signed("11:(0)t=status,")).get("t"));
  }

  @Test
  void netstringTruncatedAnywhere() {
    final byte[] valid = Samples.STATUS_DATAGRAM;
    final int signedEnd = new String(valid, StandardCharsets.ISO_8859_1).indexOf("%%%\n") + 4;
    for (int len = 0; len < valid.length; len++) {
      assertReason(
          len == signedEnd ? Reason.MISSING_AUTH : Reason.TRUNCATED, net::decode, valid, len);
    }
  }

  @Test
  void classicTruncatedAnywhere() {
    final byte[] valid = Samples.SERIAL_FRAME;
    for (int len = 0; len < valid.length; len++) {
      assertReason(Reason.TRUNCATED, classic::decode, valid, len);
    }
  }

  @Test
  void badLengthDigits() {
    assertReason(Reason.BAD_LENGTH, net::decode, signed("1x:(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, signed("011:(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, signed(":(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, signed("-11:(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, signed("0000011:(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, signed("1000000:(0)t=status,"));
    assertReason(Reason.BAD_LENGTH, net::decode, ascii("###\n%%%\n4x:1 0,"));
  }

  @Test
  void lengthPastTheEnd() {
    assertReason(Reason.TRUNCATED, net::decode, signed("99999:(0)t=status,"));
    assertReason(Reason.TRUNCATED, net::decode, ascii("###\n%%%\n99:1 0,"));
  }

  @Test
  void lengthTooShortLeavesNoComma() {
    assertReason(Reason.MALFORMED, net::decode, signed("10:(0)t=status,"));
    assertReason(Reason.MALFORMED, net::decode, signed("0:,"));
  }

  @Test
  void wrongTypeCode() {
    assertReason(Reason.MALFORMED, net::decode, signed("11:(7)t=status,"));
    assertReason(Reason.MALFORMED, net::decode, signed("11:(x)t=status,"));
    assertReason(Reason.MALFORMED, net::decode, signed("11:[0]t=status,"));
    assertReason(Reason.MALFORMED, net::decode, signed("8:t=status,"));
    assertReason(Reason.UNSUPPORTED_TYPE, net::decode, signed("11:(2)t=status,"));
    assertReason(Reason.UNSUPPORTED_TYPE, net::decode, signed("11:(5)t=status,"));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("(7)t=status\n", ""));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("(0)t=status\n", "t=status\n"));
    assertReason(Reason.UNSUPPORTED_TYPE, classic::decode, classicFrame("(3)t=x\n", ""));
  }

  @Test
  void missingEquals() {
    assertReason(Reason.MALFORMED, net::decode, signed("10:(0)tstatus,"));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("tstatus\n", ""));
  }

  @Test
  void badNamesAndValues() {
    assertReason(Reason.MALFORMED, net::decode, signed("5:(0)=x,"));
    assertReason(Reason.MALFORMED, net::decode, signed("6:(0)a b=,"));
    assertReason(Reason.MALFORMED, net::decode, signed("6:(0)t=a\nb,"));
    assertReason(Reason.MALFORMED, net::decode, signed("6:(0)t=a\0b,"));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("=x\n", "=x\n"));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("(1)u=!!!!\n", ""));
    assertReason(Reason.MALFORMED, classic::decode, classicFrame("(1)u=QR==\n", "(1)u=QR==\n"));
    assertReason(Reason.MALFORMED, classic::decode, ascii(">>>\nauth=1 a\nauth=1 a\n<<<\n"));
  }

  @Test
  void missingTrailerOrAuth() {
    assertReason(Reason.MISSING_AUTH, net::decode, ascii("###\n11:(0)t=status,%%%\n"));
    assertReason(Reason.MISSING_AUTH, classic::decode, ascii(">>>\nt=status\n<<<\n"));
  }

  @Test
  void trailerOrFrameNotAtTheEnd() {
    final byte[] valid = Samples.STATUS_DATAGRAM;
    final byte[] longer = Arrays.copyOf(valid, valid.length + 1);
    assertReason(Reason.MALFORMED, net::decode, longer);
    assertReason(
        Reason.MALFORMED,
        classic::decode,
        Arrays.copyOf(Samples.SERIAL_FRAME, Samples.SERIAL_FRAME.length + 1));
    assertReason(Reason.MALFORMED, net::decode, ascii("###\n%%%\n3:1x0,"));
    assertReason(Reason.MALFORMED, net::decode, ascii("###\n%%%\n2:1 ,"));
    assertReason(Reason.MALFORMED, net::decode, ascii("hello world"));
    assertReason(Reason.MALFORMED, classic::decode, ascii("hello world"));
  }

  @Test
  void wrongDigest() {
    final byte[] trailer = Samples.STATUS_DATAGRAM.clone();
    trailer[trailer.length - 2] ^= 1; // last hex digit of the trailer
    assertReason(Reason.BAD_AUTH, net::decode, trailer);
    final byte[] field = Samples.STATUS_DATAGRAM.clone();
    field[10] = 'S'; // t=status -> t=Status
    assertReason(Reason.BAD_AUTH, net::decode, field);
    final byte[] upper =
        ascii(
            new String(Samples.STATUS_DATAGRAM, StandardCharsets.ISO_8859_1)
                .replace("3f607d", "3F607D"));
    assertReason(Reason.BAD_AUTH, net::decode, upper);
    final byte[] frame = Samples.SERIAL_FRAME.clone();
    frame[8] = 'S';
    assertReason(Reason.BAD_AUTH, classic::decode, frame);
    assertReason(Reason.BAD_AUTH, classic::decode, classicFrame("t=status\n", "t=statu\n"));
    final AuthKeys otherKey = AuthKeys.of(1, Authenticator.sha1(1, "another-key"));
    assertReason(Reason.BAD_AUTH, new NetstringCodec(otherKey)::decode, Samples.STATUS_DATAGRAM);
    final AuthKeys md5 = AuthKeys.of(1, Authenticator.md5(1, Samples.KEY));
    assertReason(Reason.BAD_AUTH, new ClassicCodec(md5)::decode, Samples.SERIAL_FRAME);
  }

  @Test
  void unknownKeyIndex() {
    final AuthKeys two = AuthKeys.of(2, Authenticator.sha1(2, Samples.KEY));
    assertReason(
        Reason.UNKNOWN_KEY_INDEX, new NetstringCodec(two)::decode, Samples.STATUS_DATAGRAM);
    assertReason(Reason.UNKNOWN_KEY_INDEX, new ClassicCodec(two)::decode, Samples.SERIAL_FRAME);
    assertReason(Reason.UNKNOWN_KEY_INDEX, net::decode, ascii("###\n%%%\n5:16 0a,"));
  }

  @Test
  void oversized() {
    final byte[] big = new byte[NetstringCodec.MAX_MESSAGE + 1];
    assertReason(Reason.OVERSIZED, net::decode, big);
    assertReason(Reason.OVERSIZED, classic::decode, big);
    final HeartbeatMessage huge =
        HeartbeatMessage.builder().addBinary("x", new byte[NetstringCodec.MAX_MESSAGE]).build();
    assertThrows(IllegalArgumentException.class, () -> net.encode(huge));
    assertThrows(IllegalArgumentException.class, () -> classic.encode(huge));
  }

  @Test
  void innerAuthIsNotCheckedOnNetstringAsHeartbeatDoes() throws WireFormatException {
    final HeartbeatMessage m = net.decode(signed("11:(0)t=status,17:(0)auth=1 garbage,"));
    assertEquals(HeartbeatMessage.builder().add("t", "status").build(), m);
  }

  @Test
  void builderRejectsWhatTheCodecsCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> HeartbeatMessage.builder().add("auth", "1"));
    assertThrows(IllegalArgumentException.class, () -> HeartbeatMessage.builder().add("", "1"));
    assertThrows(IllegalArgumentException.class, () -> HeartbeatMessage.builder().add("a=b", "1"));
    assertThrows(IllegalArgumentException.class, () -> HeartbeatMessage.builder().add("(1)a", "1"));
    assertThrows(IllegalArgumentException.class, () -> HeartbeatMessage.builder().add("a", "x\ny"));
  }
}
