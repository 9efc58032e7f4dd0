package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ViewEquivalence.Outcome;
import io.systole.media.wire.WireFormatException.Reason;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link HeartbeatView} reads from the captured messages, and each rule, one per test. */
class HeartbeatViewTest {
  private static final Authenticator SIGNER = Authenticator.sha1(1, Samples.KEY);
  private static final NodeNames NODES = NodeNames.of("n1", "n2");
  private final HeartbeatView view = new HeartbeatView(Samples.sha1Keys(), NODES);
  private final ViewEquivalence eq = new ViewEquivalence(Samples.sha1Keys(), NODES);

  private static byte[] ascii(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code ###\n + fields + %%%\n} and a correct trailer. */
  private static byte[] signed(final String fields) {
    final String body = "###\n" + fields + "%%%\n";
    final String tok = "1 " + SIGNER.digestHex(ascii(body));
    return ascii(body + tok.length() + ":" + tok + ",");
  }

  /** {@code t=status} in netstring framing with inner auth field {@code auth} (unsigned text). */
  private static byte[] withInnerAuth(final String auth) {
    return signed("11:(0)t=status," + (8 + auth.length()) + ":(0)auth=" + auth + ",");
  }

  /** One string field in netstring form. */
  private static String field(final String name, final String value) {
    return (4 + name.length() + value.length()) + ":(0)" + name + "=" + value + ",";
  }

  private static String text(final HeartbeatView v, final int field) {
    return new String(
        v.buffer(), v.valueOffset(field), v.valueLength(field), StandardCharsets.ISO_8859_1);
  }

  @Test
  void capturedStatusDatagram() {
    assertTrue(view.wrapNetstring(Samples.STATUS_DATAGRAM, 0, Samples.STATUS_DATAGRAM.length));
    assertTrue(view.typeIs(HeartbeatView.ascii("status")));
    assertFalse(view.typeIs(HeartbeatView.ascii("statu")));
    assertEquals(0, view.sourceNode());
    assertEquals(0x28, view.seq());
    assertEquals(0x6b05dddbL, view.generation());
    assertEquals(0x6b05ddf5L, view.timestamp());
    assertEquals(5000, view.deadtimeMillis());
    assertEquals(3, view.ttl());
    assertEquals(-1, view.destField());
    assertEquals(-1, view.destNode());
    assertEquals(11, view.fieldCount()); // without the inner auth field
    assertEquals(2, view.digestsChecked()); // trailer and inner auth
    assertFalse(view.classic());
    assertEquals("active", text(view, view.indexOf(HeartbeatView.ascii("st"))));
    assertEquals("1.93 1.10 0.49 4/139 20200", text(view, view.indexOf(HeartbeatView.ascii("ld"))));
    final int uuid = view.indexOf(HeartbeatView.ascii("srcuuid"));
    assertTrue(view.isBinary(uuid));
    final byte[] raw = new byte[16];
    assertEquals(16, view.binaryValue(uuid, raw, 0));
    assertEquals(0x18, raw[0]);
  }

  @Test
  void serialFrameOfProtocolMd() {
    assertTrue(view.wrapClassic(Samples.SERIAL_FRAME, 0, Samples.SERIAL_FRAME.length));
    assertTrue(view.classic());
    assertTrue(view.typeIs(HeartbeatView.ascii("status")));
    assertEquals(1, view.sourceNode());
    assertEquals(1, view.seq());
    assertEquals(0x6b05e635L, view.generation());
    assertEquals(0x6b05e634L, view.timestamp());
    assertEquals(7000, view.deadtimeMillis());
    assertEquals(3, view.ttl());
    assertEquals(1, view.digestsChecked());
    final int uuid = view.indexOf(HeartbeatView.ascii("srcuuid"));
    assertEquals("yYcBO5bKT82Src6wgTxBBg==", text(view, uuid)); // classic: base64 on the wire
    final byte[] raw = new byte[20];
    assertEquals(16, view.binaryValue(uuid, raw, 4));
    assertArrayEquals(
        Base64.getDecoder().decode("yYcBO5bKT82Src6wgTxBBg=="), Arrays.copyOfRange(raw, 4, 20));
  }

  @Test
  void eachReasonAsTheCodecsGiveIt() {
    final String[] netstring = {
      "11:(0)t=status,",
      "1x:(0)t=status,",
      "011:(0)t=status,",
      "99999:(0)t=status,",
      "10:(0)t=status,",
      "11:(7)t=status,",
      "11:(2)t=status,",
      "11:(5)t=status,",
      "8:t=status,",
      "10:(0)tstatus,",
      "5:(0)=x,",
      "6:(0)a b=,",
      "6:(0)t=a\nb,",
      "6:(0)t=a\0b,",
      "16:(1)auth=1 abcdef,",
    };
    for (final String fields : netstring) {
      eq.check(signed(fields), 0, signed(fields).length, false, fields);
    }
    for (final String raw :
        List.of(
            "###\n11:(0)t=status,%%%\n",
            "###\n%%%\n4x:1 0,",
            "###\n%%%\n99:1 0,",
            "###\n%%%\n3:1x0,",
            "###\n%%%\n2:1 ,",
            "###\n%%%\n5:16 0a,",
            "###\n%%%\n5:1 0a,x",
            "hello world",
            ">>>\nt=status\n<<<\n",
            ">>>\n(7)t=status\nauth=1 0\n<<<\n",
            ">>>\n(3)t=x\nauth=1 0\n<<<\n",
            ">>>\n(1)u=!!!!\nauth=1 0\n<<<\n",
            ">>>\n(1)u=QR==\nauth=1 0\n<<<\n",
            ">>>\n(1)auth=QQ==\n<<<\n",
            ">>>\nauth=1 a\nauth=1 a\n<<<\n",
            ">>>\nauth=7 a\n<<<\n",
            ">>>\nauth=1 a\n<<<\nx",
            ">>>\nt=status\nauth=1 a\n<<")) {
      eq.checkBoth(ascii(raw), raw);
    }
    final byte[] big = new byte[NetstringCodec.MAX_MESSAGE + 1];
    eq.checkBoth(big, "oversized");
    assertEquals(Reason.OVERSIZED, eq.view().reason());
  }

  @Test
  void innerAuthIsCheckedOnNetstringUnlikeHeartbeat() {
    final String good = "1 " + SIGNER.digestHex(ascii("t=status\n"));
    assertEquals(Outcome.ACCEPTED, check(withInnerAuth(good)));
    assertEquals(2, view.digestsChecked());
    assertEquals(Outcome.INNER_REJECTED, check(withInnerAuth("1 garbage")));
    assertEquals(Reason.BAD_AUTH, view.reason());
    assertEquals(Outcome.INNER_REJECTED, check(withInnerAuth("9 " + good.substring(2))));
    assertEquals(Reason.UNKNOWN_KEY_INDEX, view.reason());
    assertEquals(Outcome.INNER_REJECTED, check(withInnerAuth("1")));
    assertEquals(Reason.MALFORMED, view.reason());
    assertEquals("###\n11:(0)t=status,9:(0)auth=".length(), view.errorOffset());
    final byte[] twice = signed(field("t", "status") + field("auth", good) + field("auth", good));
    assertEquals(Outcome.INNER_REJECTED, check(twice));
    assertEquals(Reason.MALFORMED, view.reason());
  }

  @Test
  void capturedDatagramWithForgedInnerAuthIsRejected() {
    // PROTOCOL.md section 4: Heartbeat accepts a packet whose trailer is right and inner auth
    // wrong.
    final String s = new String(Samples.STATUS_DATAGRAM, StandardCharsets.ISO_8859_1);
    final String body =
        s.substring(0, s.indexOf("%%%\n") + 4).replace("auth=1 9b71", "auth=1 9b70");
    final String tok = "1 " + SIGNER.digestHex(ascii(body));
    final byte[] forged = ascii(body + tok.length() + ":" + tok + ",");
    assertEquals(Outcome.INNER_REJECTED, check(forged));
    assertEquals(Reason.BAD_AUTH, view.reason());
    assertEquals(s.indexOf("auth=1 9b71") + 5, view.errorOffset());
  }

  @Test
  void innerAuthMayUseAnotherConfiguredIndex() {
    final Authenticator md5 = Authenticator.md5(4, "other");
    final AuthKeys keys = AuthKeys.of(1, SIGNER, md5);
    final HeartbeatView v = new HeartbeatView(keys, NODES);
    final byte[] d = withInnerAuth("4 " + md5.digestHex(ascii("t=status\n")));
    assertTrue(v.wrapNetstring(d, 0, d.length));
    assertEquals(2, v.digestsChecked());
  }

  @Test
  void withoutInnerAuthOnlyTheTrailerIsChecked() {
    assertEquals(Outcome.ACCEPTED, check(signed("11:(0)t=status,9:(0)src=N2,")));
    assertEquals(1, view.digestsChecked());
    assertEquals(1, view.sourceNode()); // letter case folded, as Heartbeat does
    assertEquals(HeartbeatView.NO_NUMBER, view.seq()); // as an NS_ message
  }

  @Test
  void unknownNodesAndOddNumbersAreNotWireErrors() {
    final byte[] d =
        signed(
            field("t", "status")
                + field("src", "n9")
                + field("seq", "zz")
                + field("hg", "ffffffffffffffff")
                + field("ttl", "x"));
    assertEquals(Outcome.ACCEPTED, check(d));
    assertEquals(-1, view.sourceNode());
    assertEquals(HeartbeatView.NO_NUMBER, view.seq());
    assertEquals(HeartbeatView.NO_NUMBER, view.generation());
    assertEquals(HeartbeatView.NO_NUMBER, view.ttl());
    assertEquals(HeartbeatView.NO_NUMBER, view.timestamp());
  }

  private Outcome check(final byte[] d) {
    final Outcome o = eq.check(d, 0, d.length, false, new String(d, StandardCharsets.ISO_8859_1));
    view.wrapNetstring(d, 0, d.length);
    return o;
  }

  @Test
  void fieldsAreOnlyReadFromAVerifiedMessage() {
    assertThrows(IllegalStateException.class, view::seq); // nothing wrapped yet
    final byte[] bad = Samples.STATUS_DATAGRAM.clone();
    bad[bad.length - 2] ^= 1;
    assertFalse(view.wrapNetstring(bad, 0, bad.length));
    assertEquals(Reason.BAD_AUTH, view.reason());
    assertEquals(0, view.digestsChecked());
    assertThrows(IllegalStateException.class, view::sourceNode);
    assertThrows(IllegalStateException.class, view::buffer);
    assertThrows(IllegalStateException.class, () -> view.indexOf(HeartbeatView.ascii("t")));
    assertTrue(view.wrapNetstring(Samples.STATUS_DATAGRAM, 0, Samples.STATUS_DATAGRAM.length));
    assertNull(view.reason());
    assertThrows(IndexOutOfBoundsException.class, () -> view.valueOffset(11));
    assertThrows(IllegalArgumentException.class, () -> view.binaryValue(0, new byte[99], 0));
    assertThrows(IndexOutOfBoundsException.class, () -> view.wrapNetstring(new byte[4], 2, 3));
  }

  @Test
  void byteBuffersOfEveryKindLeavePositionAlone() {
    final byte[] d = Samples.STATUS_DATAGRAM;
    final byte[] padded = new byte[d.length + 10];
    System.arraycopy(d, 0, padded, 5, d.length);
    final ByteBuffer direct = ByteBuffer.allocateDirect(d.length + 10);
    direct.put(padded).flip();
    for (final ByteBuffer b :
        List.of(
            ByteBuffer.wrap(d),
            ByteBuffer.wrap(padded, 5, d.length),
            ByteBuffer.wrap(padded).position(5).slice().limit(d.length),
            ByteBuffer.wrap(padded, 5, d.length).asReadOnlyBuffer(),
            direct.position(5).limit(5 + d.length))) {
      final int position = b.position();
      assertTrue(view.wrapNetstring(b), b.toString());
      assertEquals(0x28, view.seq(), b.toString());
      assertEquals(position, b.position(), b.toString());
      assertFalse(view.wrapClassic(b), b.toString());
      assertEquals(Reason.MALFORMED, view.reason(), b.toString());
    }
    assertTrue(view.wrapClassic(ByteBuffer.wrap(Samples.SERIAL_FRAME).asReadOnlyBuffer()));
    assertFalse(view.wrapNetstring(ByteBuffer.allocateDirect(NetstringCodec.MAX_MESSAGE + 1)));
    assertEquals(Reason.OVERSIZED, view.reason());
  }

  @Test
  void manyFieldsGrowTheTable() {
    final HeartbeatMessage.Builder b = HeartbeatMessage.builder();
    for (int i = 0; i < 1000; i++) {
      b.add("f" + i, Integer.toString(i));
    }
    final byte[] d = new NetstringCodec(Samples.sha1Keys()).encode(b.build());
    assertEquals(Outcome.ACCEPTED, eq.check(d, 0, d.length, false, "1000 fields"));
    assertEquals(999, eq.view().indexOf(HeartbeatView.ascii("f999")));
  }

  @Test
  void wrappingAllocatesNothing() {
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (final AuthKeys keys :
        List.of(
            Samples.sha1Keys(),
            AuthKeys.of(1, Authenticator.md5(1, Samples.KEY)),
            AuthKeys.of(1, Authenticator.crc(1)))) {
      final HeartbeatView v = new HeartbeatView(keys, NODES);
      final byte[] datagram = new NetstringCodec(keys).encode(statusMessage());
      final byte[] frame = new ClassicCodec(keys).encode(statusMessage());
      long sum = 0;
      for (int i = 0; i < 2000; i++) { // warm up, so that class loading is not counted
        sum += receive(v, datagram, frame);
      }
      final long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 10_000; i++) {
        sum += receive(v, datagram, frame);
      }
      final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(
          allocated < 10_000,
          keys + ": " + allocated + " bytes allocated by 10,000 receives (" + sum + ")");
    }
  }

  private static long receive(final HeartbeatView v, final byte[] datagram, final byte[] frame) {
    if (!v.wrapNetstring(datagram, 0, datagram.length) || !v.wrapClassic(frame, 0, frame.length)) {
      throw new AssertionError(v.reason());
    }
    return v.sourceNode() + v.seq() + v.generation() + v.timestamp() + v.ttl() + v.destNode();
  }

  private static HeartbeatMessage statusMessage() {
    return HeartbeatMessage.builder()
        .add("t", "status")
        .add("st", "active")
        .add("dt", "1388")
        .add("protocol", "1")
        .add("src", "n2")
        .addBinary("srcuuid", new byte[16])
        .add("seq", "2a")
        .add("hg", "6b05dddb")
        .add("ts", "6b05ddf5")
        .add("ld", "1.93 1.10 0.49 4/139 20200")
        .add("ttl", "3")
        .build();
  }

  @Test
  void nodeNames() {
    final NodeNames names = NodeNames.of(List.of("N1", "alpha", "Ä"));
    assertEquals(List.of("n1", "alpha", "Ä"), names.names());
    assertEquals(0, names.indexOf(ascii("xN1x"), 1, 2));
    assertEquals(0, names.indexOf(ascii("n1"), 0, 2));
    assertEquals(1, names.indexOf(ascii("ALPHA"), 0, 5));
    assertEquals(-1, names.indexOf(ascii("alph"), 0, 4));
    assertEquals(2, names.indexOf("Ä".getBytes(StandardCharsets.UTF_8), 0, 2));
    assertEquals(-1, names.indexOf("ä".getBytes(StandardCharsets.UTF_8), 0, 2)); // ASCII only
    assertEquals("n1", names.name(0));
    assertThrows(IllegalArgumentException.class, () -> NodeNames.of("a", "A"));
    assertThrows(IllegalArgumentException.class, () -> NodeNames.of(""));
  }
}
