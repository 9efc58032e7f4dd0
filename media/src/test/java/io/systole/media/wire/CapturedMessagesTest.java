package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.Samples.Capture;
import io.systole.media.wire.ViewEquivalence.Outcome;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The md5 and crc messages captured from the real Heartbeat 3.0.6 ({@link Capture}): every one
 * decodes, re-encodes to the very same bytes (so our digests are Heartbeat's), is accepted by the
 * zero-allocation {@link HeartbeatView} with the codec's fields, and is dropped for the right
 * reason under a wrong key, under the right key at another index and with any one value byte
 * changed.
 */
class CapturedMessagesTest {
  private static final NodeNames NODES = NodeNames.of("n1", "n2");

  private static HeartbeatMessage decode(final Capture c, final AuthKeys keys, final byte[] m)
      throws WireFormatException {
    return c.classic() ? new ClassicCodec(keys).decode(m) : new NetstringCodec(keys).decode(m);
  }

  private static byte[] encode(final Capture c, final HeartbeatMessage m) {
    return c.classic()
        ? new ClassicCodec(c.keys()).encode(m)
        : new NetstringCodec(c.keys()).encode(m);
  }

  private static String text(final byte[] m) {
    return new String(m, StandardCharsets.ISO_8859_1);
  }

  private static String where(final Capture c, final int i) {
    return c + " message " + i;
  }

  @ParameterizedTest
  @EnumSource(Capture.class)
  void everyMessageDecodesAndReencodesToTheVeryBytes(final Capture c) throws WireFormatException {
    final List<byte[]> messages = c.messages();
    assertEquals(c.count(), messages.size());
    for (int i = 0; i < messages.size(); i++) {
      final HeartbeatMessage m = decode(c, c.keys(), messages.get(i));
      assertEquals("n1", m.get("src"), where(c, i));
      assertEquals(16, m.getBinary("srcuuid").length, where(c, i));
      assertArrayEquals(messages.get(i), encode(c, m), where(c, i));
    }
  }

  @ParameterizedTest
  @EnumSource(Capture.class)
  void theViewAcceptsEveryMessageWithTheCodecsFields(final Capture c) {
    final ViewEquivalence eq = new ViewEquivalence(c.keys(), NODES);
    final List<byte[]> messages = c.messages();
    for (int i = 0; i < messages.size(); i++) {
      final byte[] m = messages.get(i);
      // ACCEPTED also means: both digests checked on UDP (trailer and inner auth), one on serial.
      assertEquals(Outcome.ACCEPTED, eq.check(m, 0, m.length, c.classic(), where(c, i)));
      assertEquals(c.classic() ? 1 : 2, eq.view().digestsChecked(), where(c, i));
      assertEquals(0, eq.view().sourceNode(), where(c, i));
    }
  }

  /** Every UDP message went out on the serial line too: its classic encoding is that frame. */
  @ParameterizedTest
  @EnumSource(
      value = AuthMethod.class,
      names = {"MD5", "CRC"})
  void everyDatagramReencodedInClassicFramingIsItsCapturedSerialFrame(final AuthMethod method)
      throws WireFormatException {
    final Capture udp = method == AuthMethod.MD5 ? Capture.MD5_UDP : Capture.CRC_UDP;
    final Capture serial = method == AuthMethod.MD5 ? Capture.MD5_SERIAL : Capture.CRC_SERIAL;
    final List<String> frames = serial.messages().stream().map(CapturedMessagesTest::text).toList();
    final NetstringCodec net = new NetstringCodec(udp.keys());
    final ClassicCodec classic = new ClassicCodec(serial.keys());
    for (final byte[] d : udp.messages()) {
      final byte[] frame = classic.encode(net.decode(d));
      assertTrue(frames.contains(text(frame)), () -> text(frame) + "\nis not among\n" + frames);
    }
  }

  @ParameterizedTest
  @EnumSource(Capture.class)
  void aWrongKeyIsBadAuthAndTheRightKeyAtAnotherIndexAnUnknownIndex(final Capture c) {
    final List<Authenticator> wrong = new ArrayList<>();
    wrong.add(
        Authenticator.md5(
            1, c.method() == AuthMethod.MD5 ? "systole-capture-md5-secreT" : Samples.MD5_KEY));
    wrong.add(Authenticator.sha1(1, Samples.MD5_KEY));
    if (c.method() != AuthMethod.CRC) {
      wrong.add(Authenticator.crc(1));
    }
    final List<byte[]> messages = c.messages();
    for (final Authenticator w : wrong) {
      final ViewEquivalence eq = new ViewEquivalence(AuthKeys.of(1, w), NODES);
      for (int i = 0; i < messages.size(); i++) {
        final byte[] m = messages.get(i);
        final String where = where(c, i) + " with " + w;
        assertEquals(Outcome.REJECTED, eq.check(m, 0, m.length, c.classic(), where));
        assertEquals(Reason.BAD_AUTH, eq.view().reason(), where);
        final WireFormatException e =
            assertThrows(WireFormatException.class, () -> decode(c, AuthKeys.of(1, w), m), where);
        assertEquals(Reason.BAD_AUTH, e.reason(), where);
      }
    }
    final Authenticator right = c.authenticator();
    final Authenticator elsewhere =
        Authenticator.of(2, right.method(), right.method().keyed() ? Samples.MD5_KEY : null);
    final ViewEquivalence eq = new ViewEquivalence(AuthKeys.of(2, elsewhere), NODES);
    for (int i = 0; i < messages.size(); i++) {
      final byte[] m = messages.get(i);
      assertEquals(Outcome.REJECTED, eq.check(m, 0, m.length, c.classic(), where(c, i)));
      assertEquals(Reason.UNKNOWN_KEY_INDEX, eq.view().reason(), where(c, i));
    }
  }

  /**
   * Bit 0 flipped in any byte of a field value (the signed text) or of a digest: BAD_AUTH, from the
   * codec and the view alike. Everywhere else (lengths, framing, names, the index): dropped all the
   * same, for whatever reason the codec gives, and the view gives the same.
   */
  @ParameterizedTest
  @EnumSource(Capture.class)
  void anyFlippedBitIsDropped(final Capture c) {
    final ViewEquivalence eq = new ViewEquivalence(c.keys(), NODES);
    final List<byte[]> messages = c.messages();
    int badAuth = 0;
    for (int i = 0; i < messages.size(); i++) {
      final byte[] m = messages.get(i);
      final boolean[] signed = c.classic() ? classicValues(m) : netstringValues(m);
      for (int k = 0; k < m.length; k++) {
        final byte[] flipped = m.clone();
        flipped[k] ^= 1;
        final String where = where(c, i) + ", bit 0 of byte " + k + " flipped";
        assertNotEquals(
            Outcome.ACCEPTED, eq.check(flipped, 0, flipped.length, c.classic(), where), where);
        if (signed[k]) {
          assertEquals(Reason.BAD_AUTH, eq.view().reason(), where);
          badAuth++;
        }
      }
    }
    assertTrue(badAuth > 40 * messages.size(), c + ": only " + badAuth + " value bytes flipped");
  }

  /**
   * Which bytes of netstring datagram {@code m} are field values (any type; the inner auth field
   * whole, as the trailer signs it) or the trailer's digest.
   */
  private static boolean[] netstringValues(final byte[] m) {
    final String s = text(m);
    final boolean[] out = new boolean[m.length];
    final int end = s.indexOf("%%%\n");
    int pos = 4;
    while (pos < end) {
      final int colon = s.indexOf(':', pos);
      final int next = colon + 1 + Integer.parseInt(s.substring(pos, colon));
      for (int k = s.indexOf('=', colon) + 1; k < next; k++) {
        out[k] = true;
      }
      pos = next + 1;
    }
    for (int k = s.indexOf(' ', end) + 1; k < m.length - 1; k++) {
      out[k] = true;
    }
    return out;
  }

  /**
   * Which bytes of classic frame {@code m} are string field values or the {@code auth} digest
   * (binary values are base64 text there, where a flip may be malformed rather than unsigned).
   */
  private static boolean[] classicValues(final byte[] m) {
    final String s = text(m);
    final boolean[] out = new boolean[m.length];
    int pos = 4;
    while (!s.startsWith("<<<\n", pos)) {
      final int eol = s.indexOf('\n', pos);
      final int from =
          s.startsWith("(", pos)
              ? eol
              : s.startsWith("auth=", pos) ? s.indexOf(' ', pos) + 1 : s.indexOf('=', pos) + 1;
      for (int k = from; k < eol; k++) {
        out[k] = true;
      }
      pos = eol + 1;
    }
    return out;
  }

  /**
   * Heartbeat checks only the trailer of a UDP datagram (PROTOCOL.md section 4); the view checks
   * the inner auth field as well: a captured datagram with its inner digest changed and a valid
   * trailer passes the codec, not the view.
   */
  @ParameterizedTest
  @EnumSource(
      value = Capture.class,
      names = {"MD5_UDP", "CRC_UDP"})
  void aForgedInnerDigestUnderAValidTrailerIsRejectedByTheView(final Capture c) {
    final ViewEquivalence eq = new ViewEquivalence(c.keys(), NODES);
    for (final byte[] m : c.messages()) {
      final String s = text(m);
      final int value = s.indexOf("(0)auth=1 ") + 8;
      final int digit = value + 2;
      final String body = s.substring(0, s.indexOf("%%%\n") + 4);
      final char was = body.charAt(digit);
      final String forged =
          body.substring(0, digit) + (was == '0' ? '1' : '0') + body.substring(digit + 1);
      final byte[] d =
          RandomMessages.resignNetstring(
              forged.getBytes(StandardCharsets.ISO_8859_1), c.authenticator());
      assertEquals(Outcome.INNER_REJECTED, eq.check(d, 0, d.length, false, forged));
      assertEquals(Reason.BAD_AUTH, eq.view().reason());
      assertEquals(value, eq.view().errorOffset());
    }
  }

  @Test
  void md5StatusDatagramAsTheViewReadsIt() throws WireFormatException {
    final byte[] d = Capture.MD5_UDP.first("(0)seq=12,");
    final HeartbeatView view = new HeartbeatView(Capture.MD5_UDP.keys(), NODES);
    assertTrue(view.wrapNetstring(d, 0, d.length), () -> String.valueOf(view.reason()));
    assertTrue(view.typeIs(HeartbeatView.ascii("status")));
    assertEquals(0, view.sourceNode());
    assertEquals(0x12, view.seq());
    assertEquals(0x6b067df1L, view.generation());
    assertEquals(0x6b067df9L, view.timestamp());
    assertEquals(4000, view.deadtimeMillis()); // dt=fa0: deadtime 4 s
    assertEquals(3, view.ttl());
    assertEquals(-1, view.destNode());
    assertEquals(11, view.fieldCount());
    assertEquals(2, view.digestsChecked());
    final HeartbeatMessage m = new NetstringCodec(Capture.MD5_UDP.keys()).decode(d);
    assertEquals(
        List.of("t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl"),
        m.fields().stream().map(HeartbeatMessage.Field::name).toList());
    assertEquals("active", m.get("st"));
    assertTrue(
        text(d)
            .endsWith(
                "auth=1 261e89c595ce85b52bcb6d4bf88d4619,%%%\n"
                    + "34:1 90acf5ca2c575e2104db332068b9122e,"));
  }

  @Test
  void md5AckAsTheViewReadsIt() {
    final byte[] d = Capture.MD5_UDP.first("(0)ackseq=13,");
    final HeartbeatView view = new HeartbeatView(Capture.MD5_UDP.keys(), NODES);
    assertTrue(view.wrapNetstring(d, 0, d.length), () -> String.valueOf(view.reason()));
    assertTrue(view.typeIs(HeartbeatView.ascii("NS_ackmsg")));
    assertEquals(0, view.destNode()); // Heartbeat acknowledges its own stream too
    assertEquals(0, view.sourceNode());
    assertEquals(HeartbeatView.NO_NUMBER, view.seq()); // NS_ messages carry none
    assertTrue(view.isBinary(view.indexOf(HeartbeatView.ascii("destuuid"))));
  }

  /**
   * crc digests are printed without leading zeros; the captures hold a 7-digit one of each kind.
   */
  @Test
  void crcDigestsWithoutLeadingZeros() throws WireFormatException {
    final byte[] stonith = Capture.CRC_UDP.first("(0)t=stonith,");
    assertTrue(text(stonith).endsWith("%%%\n9:1 54de30f,"), text(stonith));
    final byte[] seqA = Capture.CRC_UDP.first("(0)seq=a,");
    assertTrue(text(seqA).contains(",17:(0)auth=1 c255b0a,%%%\n"), text(seqA));
    final byte[] frameA = Capture.CRC_SERIAL.first("\nseq=a\n");
    assertTrue(text(frameA).endsWith("\nauth=1 c255b0a\n<<<\n"), text(frameA));
    final HeartbeatView view = new HeartbeatView(Capture.CRC_UDP.keys(), NODES);
    for (final byte[] d : List.of(stonith, seqA)) {
      assertTrue(view.wrapNetstring(d, 0, d.length), text(d));
      assertEquals(2, view.digestsChecked());
      assertArrayEquals(
          d, encode(Capture.CRC_UDP, decode(Capture.CRC_UDP, Capture.CRC_UDP.keys(), d)));
    }
    assertTrue(view.wrapClassic(frameA, 0, frameA.length));
    assertEquals(0xa, view.seq());
    assertTrue(view.classic());
    assertEquals(1, view.digestsChecked());
    assertArrayEquals(
        frameA,
        encode(Capture.CRC_SERIAL, decode(Capture.CRC_SERIAL, Capture.CRC_SERIAL.keys(), frameA)));
  }
}
