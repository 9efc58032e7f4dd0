package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * The netstring framing Heartbeat puts on UDP: {@code ###\n}, one {@code <len>:(<type>)name=value,}
 * per field, {@code %%%\n}, then the trailer {@code <len>:<idx> <hex>,} signing everything before
 * it. Encoding also appends the inner {@code auth} field (signature of the classic text of the
 * other fields) as the last field, as Heartbeat does. Decoding is bounded (at most {@link
 * #MAX_MESSAGE} bytes, every length checked before use), checks the trailer against any configured
 * key index and drops the inner {@code auth} field without checking it, as Heartbeat does for
 * netstring packets. Instances reuse buffers and the keys' authenticators, so each belongs to one
 * thread.
 */
public final class NetstringCodec {
  /** Largest message, in bytes, Heartbeat sends or accepts. */
  public static final int MAX_MESSAGE = 256 * 1024;

  private static final int MAX_LENGTH_DIGITS = 6;
  private static final byte[] START = "###\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "%%%\n".getBytes(StandardCharsets.US_ASCII);

  private final AuthKeys keys;
  private final ByteSink out = new ByteSink(1024);
  private final ByteSink text = new ByteSink(1024);
  private final byte[] scratch = new byte[64];

  /** A codec signing with {@code keys.sender()} and verifying with any of {@code keys}. */
  public NetstringCodec(final AuthKeys keys) {
    this.keys = keys;
  }

  /**
   * The datagram for {@code message}, with inner {@code auth} field and trailer.
   *
   * @throws IllegalArgumentException if it would exceed {@link #MAX_MESSAGE} bytes
   */
  public byte[] encode(final HeartbeatMessage message) {
    final Authenticator signer = keys.sender();
    text.reset();
    ClassicText.write(message, text);
    final int textEnd = text.size();
    ClassicText.signature(signer, text, 0, textEnd);
    out.reset();
    out.put(START);
    for (final HeartbeatMessage.Field f : message.fields()) {
      final byte[] name = f.nameBytes();
      final byte[] value = f.rawValue();
      out.decimal(3 + name.length + 1 + value.length).put(':');
      out.put('(').put(f.binary() ? '1' : '0').put(')').put(name).put('=').put(value).put(',');
    }
    out.decimal("(0)auth=".length() + text.size() - textEnd).ascii(":(0)auth=");
    out.put(text.array(), textEnd, text.size() - textEnd).put(',');
    out.put(END);
    final int signedEnd = out.size();
    text.reset();
    text.put(out.array(), 0, signedEnd);
    ClassicText.signature(signer, text, 0, signedEnd);
    out.decimal(text.size() - signedEnd).put(':');
    out.put(text.array(), signedEnd, text.size() - signedEnd).put(',');
    return out.toMessage();
  }

  /** Decodes a whole datagram; see {@link #decode(byte[], int, int)}. */
  public HeartbeatMessage decode(final byte[] data) throws WireFormatException {
    return decode(data, 0, data.length);
  }

  /**
   * Decodes and authenticates the datagram {@code data[off, off+len)}.
   *
   * @throws WireFormatException for any input that is not a well-formed message whose trailer a
   *     configured key verifies
   */
  public HeartbeatMessage decode(final byte[] data, final int off, final int len)
      throws WireFormatException {
    WireFormatException.checkSize(len);
    final int end = off + len;
    expect(data, off, end, START, off);
    int pos = off + START.length;
    final HeartbeatMessage.Builder builder = HeartbeatMessage.builder();
    while (!startsWith(data, pos, end, END, off)) {
      final int n = length(data, pos, end, off);
      final int start = indexOf(data, pos, end, ':') + 1;
      field(data, start, n, off, builder);
      pos = start + n + 1;
    }
    final int signedEnd = pos + END.length;
    if (signedEnd == end) {
      throw new WireFormatException(Reason.MISSING_AUTH, signedEnd - off, "no trailer");
    }
    final int n = length(data, signedEnd, end, off);
    final int start = indexOf(data, signedEnd, end, ':') + 1;
    if (start + n + 1 != end) {
      throw new WireFormatException(Reason.MALFORMED, start + n + 1 - off, "bytes after trailer");
    }
    ClassicText.verify(keys, scratch, data, off, signedEnd - off, data, start, start + n, off);
    return builder.build();
  }

  /** Parses field {@code data[start, start+n)}, which is followed by a comma. */
  private static void field(
      final byte[] data,
      final int start,
      final int n,
      final int base,
      final HeartbeatMessage.Builder builder)
      throws WireFormatException {
    if (n < 3 || data[start] != '(' || data[start + 2] != ')') {
      throw new WireFormatException(Reason.MALFORMED, start - base, "field lacks (<type>)");
    }
    final int type = data[start + 1] - '0';
    if (type >= 2 && type <= 5) {
      throw new WireFormatException(Reason.UNSUPPORTED_TYPE, start + 1 - base, "type " + type);
    }
    if (type != 0 && type != 1) {
      throw new WireFormatException(Reason.MALFORMED, start + 1 - base, "bad type code");
    }
    final int nameStart = start + 3;
    int eq = nameStart;
    while (eq < start + n && data[eq] != '=') {
      eq++;
    }
    if (eq == start + n) {
      throw new WireFormatException(Reason.MALFORMED, start - base, "field lacks '='");
    }
    if (!HeartbeatMessage.validName(data, nameStart, eq - nameStart)) {
      throw new WireFormatException(Reason.MALFORMED, nameStart - base, "bad field name");
    }
    final int valueLen = start + n - eq - 1;
    if (HeartbeatMessage.isAuth(data, nameStart, eq - nameStart)) {
      if (type != 0) {
        throw new WireFormatException(Reason.MALFORMED, start - base, "binary auth field");
      }
      return; // the inner signature: Heartbeat does not check it on netstring packets
    }
    if (type == 0 && !HeartbeatMessage.validText(data, eq + 1, valueLen)) {
      throw new WireFormatException(Reason.MALFORMED, eq + 1 - base, "newline or NUL in string");
    }
    final byte[] name = new byte[eq - nameStart];
    System.arraycopy(data, nameStart, name, 0, name.length);
    final byte[] value = new byte[valueLen];
    System.arraycopy(data, eq + 1, value, 0, valueLen);
    builder.addChecked(new HeartbeatMessage.Field(name, type == 1, value));
  }

  /**
   * Reads the {@code <len>:} prefix of the netstring at {@code pos} and checks that its payload and
   * comma fit before {@code end}; returns the payload length.
   */
  private static int length(final byte[] data, final int pos, final int end, final int base)
      throws WireFormatException {
    int p = pos;
    int n = 0;
    while (true) {
      if (p == end) {
        throw new WireFormatException(Reason.TRUNCATED, p - base, "inside a length");
      }
      final byte b = data[p];
      if (b == ':' && p > pos) {
        break;
      }
      if (b < '0' || b > '9' || p - pos == MAX_LENGTH_DIGITS || (p == pos + 1 && n == 0)) {
        throw new WireFormatException(Reason.BAD_LENGTH, p - base, "bad netstring length");
      }
      n = n * 10 + b - '0';
      p++;
    }
    final int start = p + 1;
    if (n >= end - start) {
      throw new WireFormatException(Reason.TRUNCATED, start - base, "length " + n + " past end");
    }
    if (data[start + n] != ',') {
      throw new WireFormatException(Reason.MALFORMED, start + n - base, "netstring lacks ','");
    }
    return n;
  }

  private static int indexOf(final byte[] data, final int from, final int end, final char c) {
    int p = from;
    while (p < end && data[p] != c) {
      p++;
    }
    return p;
  }

  /** Whether {@code data} has {@code token} at {@code pos}; TRUNCATED if it stops in a prefix. */
  static boolean startsWith(
      final byte[] data, final int pos, final int end, final byte[] token, final int base)
      throws WireFormatException {
    for (int i = 0; i < token.length; i++) {
      if (pos + i == end) {
        throw new WireFormatException(Reason.TRUNCATED, pos + i - base, "input ends");
      }
      if (data[pos + i] != token[i]) {
        return false;
      }
    }
    return true;
  }

  /** Requires {@code token} at {@code pos}. */
  static void expect(
      final byte[] data, final int pos, final int end, final byte[] token, final int base)
      throws WireFormatException {
    if (!startsWith(data, pos, end, token, base)) {
      throw new WireFormatException(Reason.MALFORMED, pos - base, "not the expected framing");
    }
  }
}
