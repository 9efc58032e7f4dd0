package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference a {@link HeartbeatView} is held to: the allocating codecs. For any bytes, the view
 * must reject what the codec rejects (same reason, same offset) and accept what it accepts with the
 * same fields, except for the inner signature of netstring packets, which the view checks and the
 * codec does not: there the reference is {@link ClassicText#verify} over {@link ClassicText#write}
 * of the codec's message, the very check {@link ClassicCodec} applies to a serial frame.
 */
final class ViewEquivalence {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,15}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

  /** What happened, for tests that count outcomes. */
  enum Outcome {
    /** Both accepted. */
    ACCEPTED,
    /** Both rejected, with the same reason and offset. */
    REJECTED,
    /** The codec accepted a netstring packet, the view rejected its inner signature. */
    INNER_REJECTED
  }

  private final AuthKeys keys;
  private final NodeNames nodes;
  private final HeartbeatView view;
  private final NetstringCodec net;
  private final ClassicCodec classic;

  ViewEquivalence(final AuthKeys keys, final NodeNames nodes) {
    this.keys = keys;
    this.nodes = nodes;
    this.view = new HeartbeatView(keys, nodes);
    this.net = new NetstringCodec(keys);
    this.classic = new ClassicCodec(keys);
  }

  HeartbeatView view() {
    return view;
  }

  /** Checks {@code data} both as a netstring datagram and as a classic frame. */
  void checkBoth(final byte[] data, final String where) {
    check(data, 0, data.length, false, where);
    check(data, 0, data.length, true, where);
  }

  /** Checks {@code data[off, off+len)} in one framing against its codec. */
  Outcome check(
      final byte[] data,
      final int off,
      final int len,
      final boolean classicFraming,
      final String where) {
    final String what =
        where + (classicFraming ? ", classic: " : ", netstring: ") + show(data, off, len);
    HeartbeatMessage m = null;
    WireFormatException e = null;
    try {
      m = classicFraming ? classic.decode(data, off, len) : net.decode(data, off, len);
    } catch (WireFormatException x) {
      e = x;
    }
    final boolean ok =
        classicFraming ? view.wrapClassic(data, off, len) : view.wrapNetstring(data, off, len);
    assertEquals(ok, view.valid(), what);
    if (e != null) {
      assertFalse(ok, what + " (codec: " + e.getMessage() + ")");
      assertEquals(e.reason(), view.reason(), what + " (codec: " + e.getMessage() + ")");
      assertEquals(e.offset(), view.errorOffset(), what + " (codec: " + e.getMessage() + ")");
      assertEquals(0, view.digestsChecked(), what);
      assertFalse(view.innerAuthFailed(), what);
      return Outcome.REJECTED;
    }
    final InnerAuth inner = classicFraming ? InnerAuth.NONE : innerAuth(m, data, off, len);
    if (inner.reason != null) {
      assertFalse(ok, what + " (inner auth: " + inner.reason + ")");
      assertEquals(inner.reason, view.reason(), what);
      assertEquals(inner.offset, view.errorOffset(), what);
      assertTrue(view.innerAuthFailed(), what);
      return Outcome.INNER_REJECTED;
    }
    assertTrue(ok, () -> what + " (view: " + view.reason() + " at " + view.errorOffset() + ")");
    assertNullReason(what);
    assertFalse(view.innerAuthFailed(), what);
    assertEquals(classicFraming || inner == InnerAuth.NONE ? 1 : 2, view.digestsChecked(), what);
    assertSameFields(m, what);
    return Outcome.ACCEPTED;
  }

  private void assertNullReason(final String what) {
    assertEquals(null, view.reason(), what);
    assertEquals(-1, view.errorOffset(), what);
  }

  /** The view's fields and well-known values equal those of the codec's message {@code m}. */
  void assertSameFields(final HeartbeatMessage m, final String what) {
    final List<HeartbeatMessage.Field> fields = m.fields();
    assertEquals(fields.size(), view.fieldCount(), what);
    final byte[] buf = view.buffer();
    final byte[] bin = new byte[NetstringCodec.MAX_MESSAGE];
    for (int i = 0; i < fields.size(); i++) {
      final HeartbeatMessage.Field f = fields.get(i);
      final String at = what + ", field " + i + " " + f.name();
      assertArrayEquals(f.nameBytes(), slice(buf, view.nameOffset(i), view.nameLength(i)), at);
      assertEquals(f.binary(), view.isBinary(i), at);
      if (f.binary()) {
        final int n = view.binaryValue(i, bin, 3);
        assertArrayEquals(f.rawValue(), Arrays.copyOfRange(bin, 3, 3 + n), at);
        assertFalse(view.valueEquals(i, f.rawValue()), at);
      } else {
        assertArrayEquals(f.rawValue(), slice(buf, view.valueOffset(i), view.valueLength(i)), at);
        assertTrue(view.valueEquals(i, f.rawValue()), at);
      }
      assertEquals(firstNamed(m, f.nameBytes()), view.indexOf(f.nameBytes()), at);
    }
    assertEquals(-1, view.indexOf(HeartbeatView.ascii("no such field name, spaces")), what);
    assertEquals(firstString(m, "t"), view.typeField(), what);
    if (view.typeField() >= 0) {
      assertTrue(view.typeIs(fields.get(view.typeField()).rawValue()), what);
    }
    assertFalse(view.typeIs(HeartbeatView.ascii("\u0000")), what);
    assertEquals(firstString(m, "src"), view.sourceField(), what);
    assertEquals(node(m, "src"), view.sourceNode(), what);
    assertEquals(firstString(m, "dest"), view.destField(), what);
    assertEquals(node(m, "dest"), view.destNode(), what);
    assertEquals(number(m, "seq", HEX, 16), view.seq(), what + ", seq");
    assertEquals(number(m, "hg", HEX, 16), view.generation(), what + ", hg");
    assertEquals(number(m, "ts", HEX, 16), view.timestamp(), what + ", ts");
    assertEquals(number(m, "dt", HEX, 16), view.deadtimeMillis(), what + ", dt");
    assertEquals(number(m, "ttl", DECIMAL, 10), view.ttl(), what + ", ttl");
  }

  private static byte[] slice(final byte[] b, final int off, final int len) {
    return Arrays.copyOfRange(b, off, off + len);
  }

  private static int firstNamed(final HeartbeatMessage m, final byte[] name) {
    for (int i = 0; i < m.fields().size(); i++) {
      if (Arrays.equals(name, m.fields().get(i).nameBytes())) {
        return i;
      }
    }
    return -1;
  }

  private static int firstString(final HeartbeatMessage m, final String name) {
    for (int i = 0; i < m.fields().size(); i++) {
      final HeartbeatMessage.Field f = m.fields().get(i);
      if (!f.binary() && f.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The reference node lookup: ASCII letters folded, bytes compared with the table's. */
  private int node(final HeartbeatMessage m, final String name) {
    final int i = firstString(m, name);
    if (i < 0) {
      return -1;
    }
    final byte[] v = m.fields().get(i).rawValue().clone();
    for (int k = 0; k < v.length; k++) {
      if (v[k] >= 'A' && v[k] <= 'Z') {
        v[k] += 'a' - 'A';
      }
    }
    for (int n = 0; n < nodes.size(); n++) {
      if (Arrays.equals(v, nodes.name(n).getBytes(StandardCharsets.UTF_8))) {
        return n;
      }
    }
    return -1;
  }

  private static long number(
      final HeartbeatMessage m, final String name, final Pattern syntax, final int radix) {
    final int i = firstString(m, name);
    if (i < 0) {
      return HeartbeatView.NO_NUMBER;
    }
    final String v = new String(m.fields().get(i).rawValue(), StandardCharsets.ISO_8859_1);
    return syntax.matcher(v).matches() ? Long.parseLong(v, radix) : HeartbeatView.NO_NUMBER;
  }

  /** The verdict the inner signature should get, and where a failure is reported. */
  private static final class InnerAuth {
    static final InnerAuth NONE = new InnerAuth(null, -1);
    static final InnerAuth GOOD = new InnerAuth(null, -1);
    final Reason reason;
    final int offset;

    InnerAuth(final Reason reason, final int offset) {
      this.reason = reason;
      this.offset = offset;
    }
  }

  /**
   * The reference verdict on the inner {@code auth} field(s) of netstring packet {@code data[off,
   * off+len)}, which the codec decoded to {@code m}: none is fine, two or more are MALFORMED at the
   * second's value, one must pass {@link ClassicText#verify} over the classic text of {@code m}.
   */
  private InnerAuth innerAuth(
      final HeartbeatMessage m, final byte[] data, final int off, final int len) {
    final List<int[]> auths = authValues(data, off, len);
    if (auths.isEmpty()) {
      return InnerAuth.NONE;
    }
    if (auths.size() > 1) {
      return new InnerAuth(Reason.MALFORMED, auths.get(1)[0] - off);
    }
    final ByteSink text = new ByteSink(256);
    ClassicText.write(m, text);
    final int at = auths.get(0)[0];
    try {
      ClassicText.verify(
          keys, new byte[64], text.array(), 0, text.size(), data, at, auths.get(0)[1], off);
      return InnerAuth.GOOD;
    } catch (WireFormatException e) {
      return new InnerAuth(e.reason(), e.offset());
    }
  }

  /**
   * The value ranges {@code [start, end)} of every {@code auth} field of a netstring packet the
   * codec accepted, found the simple way (lengths trusted, strings allocated).
   */
  private static List<int[]> authValues(final byte[] data, final int off, final int len) {
    final List<int[]> out = new ArrayList<>();
    final String s = new String(data, off, len, StandardCharsets.ISO_8859_1);
    int pos = 4;
    while (!s.startsWith("%%%\n", pos)) {
      final int colon = s.indexOf(':', pos);
      final int n = Integer.parseInt(s.substring(pos, colon));
      if (s.startsWith("(0)auth=", colon + 1)) {
        out.add(new int[] {off + colon + 1 + 8, off + colon + 1 + n});
      }
      pos = colon + 1 + n + 1;
    }
    return out;
  }

  static String show(final byte[] data, final int off, final int len) {
    final String s = new String(data, off, Math.min(len, 400), StandardCharsets.ISO_8859_1);
    return s.replace("\n", "\\n") + (len > 400 ? "..." : "");
  }
}
