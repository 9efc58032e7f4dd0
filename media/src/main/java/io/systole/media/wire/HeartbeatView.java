package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable, allocation-free reader of one received Heartbeat message, in netstring framing (UDP)
 * or classic framing (serial): the receive-path twin of {@link NetstringCodec} and {@link
 * ClassicCodec}. {@link #wrapNetstring} and {@link #wrapClassic} validate the framing and the
 * signatures of the bytes in place and return whether the message is good; the fields are then read
 * as offsets into the caller's buffer, the well-known ones ({@code t}, {@code src}, {@code seq},
 * {@code hg}, {@code ts}, {@code dest}, {@code ttl}, {@code dt}) already located and parsed, {@code
 * src} and {@code dest} as indexes into the cluster's {@link NodeNames}. Bad input never throws:
 * {@link #reason()} and {@link #errorOffset()} say what and where, with the same reason and offset
 * the codecs would put in their {@link WireFormatException}.
 *
 * <p>Accepts exactly what the codecs accept, field for field, with one deliberate difference: where
 * a netstring message carries both signatures, both are checked. The codec (like Heartbeat) checks
 * only the trailer of a netstring packet and ignores the inner {@code auth} field; this view also
 * verifies the inner one, against any configured key index, and rejects a packet with more than one
 * {@code auth} field. A packet Heartbeat signed always passes both checks. A netstring packet
 * without an inner {@code auth} field is checked by its trailer alone ({@link #digestsChecked()} is
 * then 1).
 *
 * <p>Nothing is allocated per message: the keys' reused authenticators digest slices of the buffer
 * (the inner signature digests the fields' classic text, written into a reused array), hex digests
 * are compared in a scratch array, numbers are parsed from the bytes. The field table and the text
 * array grow (allocating) only when a message needs more room than any before it, and {@link
 * #wrapNetstring(ByteBuffer)} copies a direct buffer into an internal array that likewise grows
 * only for a longer message than before. The view is valid until the next wrap, and reads the
 * caller's array, which must not change meanwhile. Not thread-safe: it shares the keys'
 * authenticators, so it belongs to the thread that owns {@code keys}.
 */
public final class HeartbeatView {
  /** What the numeric accessors return for an absent field or a value that is not a number. */
  public static final long NO_NUMBER = -1;

  /** Longest hex number (digits) the numeric accessors read: values below 2^60. */
  static final int MAX_HEX_DIGITS = 15;

  private static final byte[] NET_START = ascii("###\n");
  private static final byte[] NET_END = ascii("%%%\n");
  private static final byte[] CLASSIC_START = ascii(">>>\n");
  private static final byte[] CLASSIC_END = ascii("<<<\n");
  private static final int MAX_LENGTH_DIGITS = 6;
  private static final int MATCH = 1;
  private static final int NO_MATCH = 0;
  private static final int CUT = -1;
  private static final int INITIAL_FIELDS = 32;

  private final AuthKeys keys;
  private final NodeNames nodes;
  private final byte[] scratch = new byte[64];
  private byte[] text = new byte[1024];
  private byte[] copy = new byte[0];

  private byte[] data;
  private int base;
  private int end;
  private boolean valid;
  private boolean classic;
  private Reason reason;
  private int errorOffset;
  private int digests;
  private boolean innerFailed;

  private int count;
  private int[] nameOff = new int[INITIAL_FIELDS];
  private int[] nameLen = new int[INITIAL_FIELDS];
  private int[] valueOff = new int[INITIAL_FIELDS];
  private int[] valueLen = new int[INITIAL_FIELDS];
  private boolean[] binary = new boolean[INITIAL_FIELDS];

  private int typeField;
  private int srcField;
  private int seqField;
  private int hgField;
  private int tsField;
  private int destField;
  private int ttlField;
  private int dtField;
  private int srcNode;
  private int destNode;

  /** Where the (first) auth field's value starts and ends, how many there are, the second's. */
  private int authAt;

  private int authEnd;
  private int authCount;
  private int secondAuthAt;

  /** The token parsed by {@link #token}: where its hex digest starts and how long it is. */
  private int hexAt;

  private int hexLen;

  /**
   * A view that verifies with any of {@code keys} and resolves {@code src} and {@code dest} against
   * {@code nodes}.
   */
  public HeartbeatView(final AuthKeys keys, final NodeNames nodes) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.nodes = Objects.requireNonNull(nodes, "nodes");
  }

  /** {@code s} as US-ASCII bytes: spell a field name or value once, then compare without copies. */
  public static byte[] ascii(final String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------- wrapping

  /**
   * Reads the datagram {@code data[off, off+len)} in netstring framing and checks its trailer (and
   * its inner {@code auth} field, if it has one).
   *
   * @return whether the message is well formed and verified; if not, see {@link #reason()}
   * @throws IndexOutOfBoundsException if the range is not inside {@code data} (a caller's bug, not
   *     bad input)
   */
  public boolean wrapNetstring(final byte[] data, final int off, final int len) {
    return wrap(data, off, len, false);
  }

  /**
   * Reads the frame {@code data[off, off+len)} in classic framing (it must end right after {@code
   * <<<\n}) and checks its {@code auth} field.
   *
   * @return whether the message is well formed and verified; if not, see {@link #reason()}
   * @throws IndexOutOfBoundsException if the range is not inside {@code data}
   */
  public boolean wrapClassic(final byte[] data, final int off, final int len) {
    return wrap(data, off, len, true);
  }

  /**
   * {@link #wrapNetstring(byte[], int, int)} over the bytes between {@code datagram}'s position and
   * limit, which it leaves unchanged. A heap buffer is read in place; the bytes of any other buffer
   * are copied into an array the view keeps.
   */
  public boolean wrapNetstring(final ByteBuffer datagram) {
    return wrap(datagram, false);
  }

  /**
   * {@link #wrapClassic(byte[], int, int)} over a buffer, as {@link #wrapNetstring(ByteBuffer)}.
   */
  public boolean wrapClassic(final ByteBuffer frame) {
    return wrap(frame, true);
  }

  private boolean wrap(final ByteBuffer b, final boolean classicFraming) {
    final int len = b.remaining();
    if (b.hasArray()) {
      return wrap(b.array(), b.arrayOffset() + b.position(), len, classicFraming);
    }
    if (len > NetstringCodec.MAX_MESSAGE) {
      start(copy, 0, 0, classicFraming);
      return fail(Reason.OVERSIZED, 0);
    }
    if (copy.length < len) {
      copy = new byte[len];
    }
    b.get(b.position(), copy, 0, len);
    return wrap(copy, 0, len, classicFraming);
  }

  private boolean wrap(
      final byte[] buf, final int off, final int len, final boolean classicFraming) {
    Objects.checkFromIndexSize(off, len, buf.length);
    start(buf, off, len, classicFraming);
    if (len > NetstringCodec.MAX_MESSAGE) {
      return fail(Reason.OVERSIZED, off);
    }
    valid = classicFraming ? parseClassic() : parseNetstring();
    if (valid) {
      srcNode = srcField < 0 ? -1 : nodes.indexOf(data, valueOff[srcField], valueLen[srcField]);
      destNode = destField < 0 ? -1 : nodes.indexOf(data, valueOff[destField], valueLen[destField]);
    }
    return valid;
  }

  private void start(final byte[] buf, final int off, final int len, final boolean classicFraming) {
    data = buf;
    base = off;
    end = off + len;
    classic = classicFraming;
    valid = false;
    reason = null;
    errorOffset = -1;
    digests = 0;
    innerFailed = false;
    count = 0;
    typeField = -1;
    srcField = -1;
    seqField = -1;
    hgField = -1;
    tsField = -1;
    destField = -1;
    ttlField = -1;
    dtField = -1;
    srcNode = -1;
    destNode = -1;
    authAt = -1;
    authEnd = -1;
    authCount = 0;
    secondAuthAt = -1;
  }

  /** Records the failure (offset {@code at} in the buffer) and returns false. */
  private boolean fail(final Reason why, final int at) {
    reason = why;
    errorOffset = at - base;
    return false;
  }

  /** Records the failure and returns -1. */
  private int failed(final Reason why, final int at) {
    fail(why, at);
    return -1;
  }

  // ---------------------------------------------------------------- netstring framing

  /** Mirrors {@link NetstringCodec#decode(byte[], int, int)}, then checks the inner signature. */
  private boolean parseNetstring() {
    final int first = startsWith(base, NET_START);
    if (first != MATCH) {
      return first == CUT ? false : fail(Reason.MALFORMED, base);
    }
    int pos = base + NET_START.length;
    while (true) {
      final int m = startsWith(pos, NET_END);
      if (m == CUT) {
        return false;
      }
      if (m == MATCH) {
        break;
      }
      final int n = length(pos);
      if (n < 0) {
        return false;
      }
      final int start = indexOf(pos, ':') + 1;
      if (!netstringField(start, n)) {
        return false;
      }
      pos = start + n + 1;
    }
    final int signedEnd = pos + NET_END.length;
    if (signedEnd == end) {
      return fail(Reason.MISSING_AUTH, signedEnd);
    }
    final int n = length(signedEnd);
    if (n < 0) {
      return false;
    }
    final int start = indexOf(signedEnd, ':') + 1;
    if (start + n + 1 != end) {
      return fail(Reason.MALFORMED, start + n + 1);
    }
    final Authenticator outer = token(start, start + n);
    if (outer == null) {
      return false;
    }
    outer.begin();
    outer.update(data, base, signedEnd - base);
    if (!outer.finishVerify(data, hexAt, hexLen, scratch)) {
      return fail(Reason.BAD_AUTH, start);
    }
    digests = 1;
    return parseInnerAuth();
  }

  /** Parses field {@code data[start, start+n)}, which is followed by a comma. */
  private boolean netstringField(final int start, final int n) {
    if (n < 3 || data[start] != '(' || data[start + 2] != ')') {
      return fail(Reason.MALFORMED, start);
    }
    final int type = data[start + 1] - '0';
    if (type >= 2 && type <= 5) {
      return fail(Reason.UNSUPPORTED_TYPE, start + 1);
    }
    if (type != 0 && type != 1) {
      return fail(Reason.MALFORMED, start + 1);
    }
    final int nameStart = start + 3;
    int eq = nameStart;
    while (eq < start + n && data[eq] != '=') {
      eq++;
    }
    if (eq == start + n) {
      return fail(Reason.MALFORMED, start);
    }
    if (!HeartbeatMessage.validName(data, nameStart, eq - nameStart)) {
      return fail(Reason.MALFORMED, nameStart);
    }
    final int valueLength = start + n - eq - 1;
    if (HeartbeatMessage.isAuth(data, nameStart, eq - nameStart)) {
      if (type != 0) {
        return fail(Reason.MALFORMED, start);
      }
      noteAuth(eq + 1, start + n);
      return true;
    }
    if (type == 0 && !HeartbeatMessage.validText(data, eq + 1, valueLength)) {
      return fail(Reason.MALFORMED, eq + 1);
    }
    add(nameStart, eq - nameStart, eq + 1, valueLength, type == 1);
    return true;
  }

  /**
   * The inner signature of a netstring message: the digest of the classic text of its other fields
   * ({@code name=value\n}, or {@code (1)name=<base64>\n} for binary ones), written into a reused
   * array (one digest update instead of several per field).
   */
  private boolean parseInnerAuth() {
    if (authCount == 0) {
      return true;
    }
    innerFailed = true; // until it verifies
    if (authCount > 1) {
      return fail(Reason.MALFORMED, secondAuthAt);
    }
    final Authenticator inner = token(authAt, authEnd);
    if (inner == null) {
      return false;
    }
    final int n = classicText();
    inner.begin();
    inner.update(text, 0, n);
    if (!inner.finishVerify(data, hexAt, hexLen, scratch)) {
      return fail(Reason.BAD_AUTH, authAt);
    }
    innerFailed = false;
    digests = 2;
    return true;
  }

  private void noteAuth(final int at, final int atEnd) {
    if (authCount == 0) {
      authAt = at;
      authEnd = atEnd;
    } else if (authCount == 1) {
      secondAuthAt = at;
    }
    authCount++;
  }

  /**
   * Reads the {@code <len>:} prefix of the netstring at {@code pos} and checks that its payload and
   * comma fit before the end; returns the payload length, or -1 after recording the failure.
   */
  private int length(final int pos) {
    int p = pos;
    int n = 0;
    while (true) {
      if (p == end) {
        return failed(Reason.TRUNCATED, p);
      }
      final byte b = data[p];
      if (b == ':' && p > pos) {
        break;
      }
      if (b < '0' || b > '9' || p - pos == MAX_LENGTH_DIGITS || (p == pos + 1 && n == 0)) {
        return failed(Reason.BAD_LENGTH, p);
      }
      n = n * 10 + b - '0';
      p++;
    }
    final int start = p + 1;
    if (n >= end - start) {
      return failed(Reason.TRUNCATED, start);
    }
    if (data[start + n] != ',') {
      return failed(Reason.MALFORMED, start + n);
    }
    return n;
  }

  private int indexOf(final int from, final char c) {
    int p = from;
    while (p < end && data[p] != c) {
      p++;
    }
    return p;
  }

  /** Whether {@code token} is at {@code pos}: MATCH, NO_MATCH, or CUT (TRUNCATED recorded). */
  private int startsWith(final int pos, final byte[] token) {
    for (int i = 0; i < token.length; i++) {
      if (pos + i == end) {
        fail(Reason.TRUNCATED, pos + i);
        return CUT;
      }
      if (data[pos + i] != token[i]) {
        return NO_MATCH;
      }
    }
    return MATCH;
  }

  // ---------------------------------------------------------------- classic framing

  /** Mirrors {@link ClassicCodec#decode(byte[], int, int)}. */
  private boolean parseClassic() {
    final int first = startsWith(base, CLASSIC_START);
    if (first != MATCH) {
      return first == CUT ? false : fail(Reason.MALFORMED, base);
    }
    final int bodyStart = base + CLASSIC_START.length;
    int pos = bodyStart;
    int authLine = -1;
    while (true) {
      final int m = startsWith(pos, CLASSIC_END);
      if (m == CUT) {
        return false;
      }
      if (m == MATCH) {
        break;
      }
      final int nl = indexOf(pos, '\n');
      if (nl == end) {
        return fail(Reason.TRUNCATED, nl);
      }
      final int line = classicLine(pos, nl);
      if (line < 0) {
        return false;
      }
      if (line == 1) {
        if (authLine >= 0) {
          return fail(Reason.MALFORMED, pos);
        }
        authLine = pos;
        authAt = pos + 5;
        authEnd = nl;
      }
      pos = nl + 1;
    }
    if (pos + CLASSIC_END.length != end) {
      return fail(Reason.MALFORMED, pos + CLASSIC_END.length);
    }
    if (authLine < 0) {
      return fail(Reason.MISSING_AUTH, pos);
    }
    final Authenticator a = token(authAt, authEnd);
    if (a == null) {
      return false;
    }
    // The signed text is every line but the auth line, exactly as on the wire (canonical base64).
    a.begin();
    a.update(data, bodyStart, authLine - bodyStart);
    a.update(data, authEnd + 1, pos - authEnd - 1);
    if (!a.finishVerify(data, hexAt, hexLen, scratch)) {
      return fail(Reason.BAD_AUTH, authAt);
    }
    digests = 1;
    return true;
  }

  /** Parses line {@code data[pos, nl)}: 0 for a field, 1 for the auth field, -1 on failure. */
  private int classicLine(final int pos, final int nl) {
    boolean isBinary = false;
    int nameStart = pos;
    if (nl > pos && data[pos] == '(') {
      if (nl - pos < 3 || data[pos + 2] != ')') {
        return failed(Reason.MALFORMED, pos);
      }
      final int type = data[pos + 1] - '0';
      if (type >= 2 && type <= 5) {
        return failed(Reason.UNSUPPORTED_TYPE, pos + 1);
      }
      if (type != 1) {
        return failed(Reason.MALFORMED, pos + 1);
      }
      isBinary = true;
      nameStart = pos + 3;
    }
    int eq = nameStart;
    while (eq < nl && data[eq] != '=') {
      eq++;
    }
    if (eq == nl) {
      return failed(Reason.MALFORMED, pos);
    }
    if (!HeartbeatMessage.validName(data, nameStart, eq - nameStart)) {
      return failed(Reason.MALFORMED, nameStart);
    }
    if (HeartbeatMessage.isAuth(data, nameStart, eq - nameStart)) {
      return isBinary ? failed(Reason.MALFORMED, pos) : 1;
    }
    final boolean ok =
        isBinary
            ? Base64Text.canonical(data, eq + 1, nl)
            : HeartbeatMessage.validText(data, eq + 1, nl - eq - 1);
    if (!ok) {
      return failed(Reason.MALFORMED, eq + 1);
    }
    add(nameStart, eq - nameStart, eq + 1, nl - eq - 1, isBinary);
    return 0;
  }

  // ---------------------------------------------------------------- shared

  /**
   * Parses signature token {@code data[at, atEnd)} ({@code <idx> <hex>}) as {@link
   * ClassicText#verify} does, leaving the hex digest's place in {@link #hexAt}/{@link #hexLen};
   * returns the key index's authenticator, or null after recording the failure.
   */
  private Authenticator token(final int at, final int atEnd) {
    int sp = at;
    int index = 0;
    while (sp < atEnd && data[sp] >= '0' && data[sp] <= '9' && sp - at < 2) {
      index = index * 10 + data[sp] - '0';
      sp++;
    }
    final int n = atEnd - sp - 1;
    if (sp == at || sp == atEnd || data[sp] != ' ' || n < 1 || n > scratch.length) {
      fail(Reason.MALFORMED, at);
      return null;
    }
    final Authenticator a = keys.forIndex(index);
    if (a == null) {
      fail(Reason.UNKNOWN_KEY_INDEX, at);
      return null;
    }
    hexAt = sp + 1;
    hexLen = n;
    return a;
  }

  /**
   * Writes the classic text of the fields into {@link #text} (grown if this message needs more room
   * than any before) and returns its length.
   */
  private int classicText() {
    int size = 0;
    for (int i = 0; i < count; i++) {
      final int value = binary[i] ? 3 + (valueLen[i] + 2) / 3 * 4 : valueLen[i];
      size += nameLen[i] + 1 + value + 1;
    }
    if (text.length < size) {
      text = new byte[Math.max(size, text.length * 2)];
    }
    int o = 0;
    for (int i = 0; i < count; i++) {
      if (binary[i]) {
        // "(1)name=" is on the wire just before the value; the value goes in as base64.
        System.arraycopy(data, nameOff[i] - 3, text, o, nameLen[i] + 4);
        o += nameLen[i] + 4;
        final int end = valueOff[i] + valueLen[i];
        int v = valueOff[i];
        for (; end - v >= 3; v += 3) {
          o = Base64Text.encodeGroup(data, v, 3, text, o);
        }
        if (end > v) {
          o = Base64Text.encodeGroup(data, v, end - v, text, o);
        }
      } else {
        System.arraycopy(data, nameOff[i], text, o, nameLen[i] + 1 + valueLen[i]);
        o += nameLen[i] + 1 + valueLen[i];
      }
      text[o++] = '\n';
    }
    return o;
  }

  private void add(
      final int nameAt, final int nameLength, final int at, final int length, final boolean bin) {
    if (count == nameOff.length) {
      grow();
    }
    nameOff[count] = nameAt;
    nameLen[count] = nameLength;
    valueOff[count] = at;
    valueLen[count] = length;
    binary[count] = bin;
    if (!bin) {
      wellKnown(nameAt, nameLength);
    }
    count++;
  }

  private void grow() {
    final int n = nameOff.length * 2;
    nameOff = Arrays.copyOf(nameOff, n);
    nameLen = Arrays.copyOf(nameLen, n);
    valueOff = Arrays.copyOf(valueOff, n);
    valueLen = Arrays.copyOf(valueLen, n);
    binary = Arrays.copyOf(binary, n);
  }

  /** Notes field {@link #count} if it is the first string field of a well-known name. */
  private void wellKnown(final int at, final int length) {
    final byte c0 = data[at];
    if (length == 1 && c0 == 't') {
      typeField = typeField < 0 ? count : typeField;
    } else if (length == 2) {
      final byte c1 = data[at + 1];
      if (c0 == 'h' && c1 == 'g') {
        hgField = hgField < 0 ? count : hgField;
      } else if (c0 == 't' && c1 == 's') {
        tsField = tsField < 0 ? count : tsField;
      } else if (c0 == 'd' && c1 == 't') {
        dtField = dtField < 0 ? count : dtField;
      }
    } else if (length == 3) {
      if (is(at, 's', 'r', 'c')) {
        srcField = srcField < 0 ? count : srcField;
      } else if (is(at, 's', 'e', 'q')) {
        seqField = seqField < 0 ? count : seqField;
      } else if (is(at, 't', 't', 'l')) {
        ttlField = ttlField < 0 ? count : ttlField;
      }
    } else if (length == 4 && is(at, 'd', 'e', 's') && data[at + 3] == 't') {
      destField = destField < 0 ? count : destField;
    }
  }

  private boolean is(final int at, final char a, final char b, final char c) {
    return data[at] == a && data[at + 1] == b && data[at + 2] == c;
  }

  // ---------------------------------------------------------------- verdict

  /** Whether the last wrap found a well-formed, verified message. */
  public boolean valid() {
    return valid;
  }

  /** Why the last wrap failed, or null if it succeeded (or nothing was wrapped yet). */
  public Reason reason() {
    return reason;
  }

  /**
   * Where the last wrap found the problem, relative to the start of the message (as {@link
   * WireFormatException#offset()}), or -1 if it succeeded.
   */
  public int errorOffset() {
    return errorOffset;
  }

  /**
   * Whether the last wrap rejected a netstring message only for its inner {@code auth} field: the
   * trailer verified, the inner signature did not (or was malformed, or there were two). Heartbeat
   * would have accepted such a packet; a node that sees them is being sent forgeries or talks to a
   * broken peer.
   */
  public boolean innerAuthFailed() {
    return innerFailed;
  }

  /** Whether the last message was read in classic framing. */
  public boolean classic() {
    return classic;
  }

  /**
   * How many signatures the last message passed: 2 for a netstring message with an inner {@code
   * auth} field (trailer and inner), 1 for one without, 1 for a classic frame; 0 if it failed.
   */
  public int digestsChecked() {
    return valid ? digests : 0;
  }

  // ---------------------------------------------------------------- fields

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException("no verified message: " + reason);
    }
  }

  /** The array the last message was read from: offsets of the field accessors point into it. */
  public byte[] buffer() {
    checkValid();
    return data;
  }

  /** The number of fields, in message order, not counting the {@code auth} field. */
  public int fieldCount() {
    checkValid();
    return count;
  }

  /**
   * Where the name of field {@code field} (0 to {@link #fieldCount()} - 1) starts in the buffer.
   */
  public int nameOffset(final int field) {
    checkValid();
    return nameOff[Objects.checkIndex(field, count)];
  }

  /** The length of the name of field {@code field}. */
  public int nameLength(final int field) {
    checkValid();
    return nameLen[Objects.checkIndex(field, count)];
  }

  /**
   * Where the value of field {@code field} starts in the buffer: the string's bytes, or a binary
   * field's bytes as on the wire, raw in netstring framing and base64 in classic framing (see
   * {@link #binaryValue}).
   */
  public int valueOffset(final int field) {
    checkValid();
    return valueOff[Objects.checkIndex(field, count)];
  }

  /** The length of the value of field {@code field} as on the wire. */
  public int valueLength(final int field) {
    checkValid();
    return valueLen[Objects.checkIndex(field, count)];
  }

  /** Whether field {@code field} is binary (type 1) rather than a string (type 0). */
  public boolean isBinary(final int field) {
    checkValid();
    return binary[Objects.checkIndex(field, count)];
  }

  /** The first field (string or binary) named {@code name}, or -1 if there is none. */
  public int indexOf(final byte[] name) {
    checkValid();
    for (int i = 0; i < count; i++) {
      if (nameLen[i] == name.length
          && Arrays.equals(data, nameOff[i], nameOff[i] + nameLen[i], name, 0, name.length)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether field {@code field} is a string field whose value is exactly {@code value}. */
  public boolean valueEquals(final int field, final byte[] value) {
    checkValid();
    Objects.checkIndex(field, count);
    return !binary[field]
        && Arrays.equals(
            data, valueOff[field], valueOff[field] + valueLen[field], value, 0, value.length);
  }

  /**
   * Copies the bytes of binary field {@code field} into {@code dst} at {@code dstOff} (decoding the
   * base64 of classic framing) and returns how many there are.
   *
   * @throws IllegalArgumentException if the field is a string field
   * @throws IndexOutOfBoundsException if {@code dst} has no room for them
   */
  public int binaryValue(final int field, final byte[] dst, final int dstOff) {
    checkValid();
    if (!binary[Objects.checkIndex(field, count)]) {
      throw new IllegalArgumentException("field " + field + " is a string field");
    }
    final int from = valueOff[field];
    final int len = valueLen[field];
    if (!classic) {
      System.arraycopy(data, from, dst, dstOff, len);
      return len;
    }
    Objects.checkFromIndexSize(
        dstOff, Base64Text.decodedLength(data, from, from + len), dst.length);
    return Base64Text.decode(data, from, from + len, dst, dstOff);
  }

  /**
   * The value of string field {@code field} read as Heartbeat's lower-case hexadecimal (either case
   * is accepted), or {@link #NO_NUMBER} if {@code field} is -1, binary, or not 1 to 15 hex digits.
   */
  public long hexValue(final int field) {
    checkValid();
    if (field < 0 || binary[Objects.checkIndex(field, count)]) {
      return NO_NUMBER;
    }
    final int len = valueLen[field];
    if (len < 1 || len > MAX_HEX_DIGITS) {
      return NO_NUMBER;
    }
    long v = 0;
    for (int i = valueOff[field]; i < valueOff[field] + len; i++) {
      final int d = Character.digit(data[i], 16);
      if (d < 0) {
        return NO_NUMBER;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /**
   * The value of string field {@code field} read as a decimal number, or {@link #NO_NUMBER} if
   * {@code field} is -1, binary, or not 1 to 18 decimal digits.
   */
  public long decimalValue(final int field) {
    checkValid();
    if (field < 0 || binary[Objects.checkIndex(field, count)]) {
      return NO_NUMBER;
    }
    final int len = valueLen[field];
    if (len < 1 || len > 18) {
      return NO_NUMBER;
    }
    long v = 0;
    for (int i = valueOff[field]; i < valueOff[field] + len; i++) {
      final byte b = data[i];
      if (b < '0' || b > '9') {
        return NO_NUMBER;
      }
      v = v * 10 + b - '0';
    }
    return v;
  }

  /** The field {@code t} (message type), or -1 if the message has none. */
  public int typeField() {
    checkValid();
    return typeField;
  }

  /** Whether the message type ({@code t}) is exactly {@code type}, e.g. {@code ascii("status")}. */
  public boolean typeIs(final byte[] type) {
    checkValid();
    return typeField >= 0 && valueEquals(typeField, type);
  }

  /** The field {@code src}, or -1 if the message has none. */
  public int sourceField() {
    checkValid();
    return srcField;
  }

  /**
   * The index in {@link NodeNames} of the sender ({@code src}), or -1 if the message has no {@code
   * src} or names a node the table does not hold.
   */
  public int sourceNode() {
    checkValid();
    return srcNode;
  }

  /** The field {@code dest}, or -1 if the message is not addressed to one node. */
  public int destField() {
    checkValid();
    return destField;
  }

  /**
   * The index in {@link NodeNames} of the addressee ({@code dest}), or -1 if there is none or the
   * table does not hold it.
   */
  public int destNode() {
    checkValid();
    return destNode;
  }

  /** The sender's sequence number ({@code seq}, hex), or {@link #NO_NUMBER} (as {@code NS_*}). */
  public long seq() {
    checkValid();
    return hexValue(seqField);
  }

  /** The sender's heartbeat generation ({@code hg}, hex), or {@link #NO_NUMBER}. */
  public long generation() {
    checkValid();
    return hexValue(hgField);
  }

  /** The sender's wall clock ({@code ts}, Unix seconds, hex), or {@link #NO_NUMBER}. */
  public long timestamp() {
    checkValid();
    return hexValue(tsField);
  }

  /**
   * The sender's advertised deadtime ({@code dt}, ms, hex; status messages), or {@link #NO_NUMBER}.
   */
  public long deadtimeMillis() {
    checkValid();
    return hexValue(dtField);
  }

  /**
   * The forwarding budget ({@code ttl}, decimal, as Heartbeat prints it), or {@link #NO_NUMBER}.
   */
  public long ttl() {
    checkValid();
    return decimalValue(ttlField);
  }
}
