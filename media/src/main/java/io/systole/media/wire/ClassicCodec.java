package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Heartbeat's classic text framing, used on serial links: {@code >>>\n}, one {@code name=value\n}
 * line per string field and {@code (1)name=<base64>\n} per binary field, the inner {@code
 * auth=<idx> <hex>\n} line last, then {@code <<<\n}. The inner signature covers the classic text of
 * all other fields in order; decoding requires it and checks it against any configured key index.
 * Decoding is bounded like {@link NetstringCodec} and accepts only canonical base64 and LF line
 * ends. Instances reuse buffers and the keys' authenticators, so each belongs to one thread.
 */
public final class ClassicCodec {
  private static final byte[] START = ">>>\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "<<<\n".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Decoder BASE64 = Base64.getDecoder();

  private final AuthKeys keys;
  private final ByteSink out = new ByteSink(1024);
  private final ByteSink text = new ByteSink(1024);
  private final byte[] scratch = new byte[64];

  /** A codec signing with {@code keys.sender()} and verifying with any of {@code keys}. */
  public ClassicCodec(final AuthKeys keys) {
    this.keys = keys;
  }

  /**
   * The classic frame for {@code message}, with its {@code auth} line.
   *
   * @throws IllegalArgumentException if it would exceed {@link NetstringCodec#MAX_MESSAGE} bytes
   */
  public byte[] encode(final HeartbeatMessage message) {
    out.reset();
    out.put(START);
    ClassicText.write(message, out);
    final int textEnd = out.size();
    out.ascii("auth=");
    ClassicText.signature(keys.sender(), out, START.length, textEnd);
    out.put('\n').put(END);
    return out.toMessage();
  }

  /** Decodes a whole frame; see {@link #decode(byte[], int, int)}. */
  public HeartbeatMessage decode(final byte[] data) throws WireFormatException {
    return decode(data, 0, data.length);
  }

  /**
   * Decodes and authenticates the frame {@code data[off, off+len)}, which must end right after
   * {@code <<<\n}.
   *
   * @throws WireFormatException for any input that is not a well-formed frame whose {@code auth}
   *     field a configured key verifies
   */
  public HeartbeatMessage decode(final byte[] data, final int off, final int len)
      throws WireFormatException {
    WireFormatException.checkSize(len);
    final int end = off + len;
    NetstringCodec.expect(data, off, end, START, off);
    int pos = off + START.length;
    int authAt = -1;
    int authEnd = -1;
    final HeartbeatMessage.Builder builder = HeartbeatMessage.builder();
    while (!NetstringCodec.startsWith(data, pos, end, END, off)) {
      int nl = pos;
      while (nl < end && data[nl] != '\n') {
        nl++;
      }
      if (nl == end) {
        throw new WireFormatException(Reason.TRUNCATED, nl - off, "line without newline");
      }
      if (line(data, pos, nl, off, builder)) {
        if (authAt >= 0) {
          throw new WireFormatException(Reason.MALFORMED, pos - off, "second auth field");
        }
        authAt = pos + 5;
        authEnd = nl;
      }
      pos = nl + 1;
    }
    if (pos + END.length != end) {
      throw new WireFormatException(Reason.MALFORMED, pos + END.length - off, "bytes after <<<");
    }
    if (authAt < 0) {
      throw new WireFormatException(Reason.MISSING_AUTH, pos - off, "no auth field");
    }
    final HeartbeatMessage message = builder.build();
    text.reset();
    ClassicText.write(message, text);
    ClassicText.verify(keys, scratch, text.array(), 0, text.size(), data, authAt, authEnd, off);
    return message;
  }

  /** Parses line {@code data[pos, nl)}; returns true if it is the auth field (not added). */
  private static boolean line(
      final byte[] data,
      final int pos,
      final int nl,
      final int base,
      final HeartbeatMessage.Builder builder)
      throws WireFormatException {
    boolean binary = false;
    int nameStart = pos;
    if (nl > pos && data[pos] == '(') {
      if (nl - pos < 3 || data[pos + 2] != ')') {
        throw new WireFormatException(Reason.MALFORMED, pos - base, "bad (<type>) prefix");
      }
      final int type = data[pos + 1] - '0';
      if (type >= 2 && type <= 5) {
        throw new WireFormatException(Reason.UNSUPPORTED_TYPE, pos + 1 - base, "type " + type);
      }
      if (type != 1) {
        throw new WireFormatException(Reason.MALFORMED, pos + 1 - base, "bad type code");
      }
      binary = true;
      nameStart = pos + 3;
    }
    int eq = nameStart;
    while (eq < nl && data[eq] != '=') {
      eq++;
    }
    if (eq == nl) {
      throw new WireFormatException(Reason.MALFORMED, pos - base, "line lacks '='");
    }
    if (!HeartbeatMessage.validName(data, nameStart, eq - nameStart)) {
      throw new WireFormatException(Reason.MALFORMED, nameStart - base, "bad field name");
    }
    if (HeartbeatMessage.isAuth(data, nameStart, eq - nameStart)) {
      if (binary) {
        throw new WireFormatException(Reason.MALFORMED, pos - base, "binary auth field");
      }
      return true;
    }
    final byte[] raw = Arrays.copyOfRange(data, eq + 1, nl);
    byte[] value = raw;
    if (binary) {
      try {
        value = BASE64.decode(raw);
      } catch (IllegalArgumentException e) {
        throw new WireFormatException(Reason.MALFORMED, eq + 1 - base, "bad base64");
      }
      if (!Arrays.equals(Base64.getEncoder().encode(value), raw)) {
        throw new WireFormatException(Reason.MALFORMED, eq + 1 - base, "non-canonical base64");
      }
    } else if (!HeartbeatMessage.validText(raw, 0, raw.length)) {
      throw new WireFormatException(Reason.MALFORMED, eq + 1 - base, "NUL in string");
    }
    final byte[] name = Arrays.copyOfRange(data, nameStart, eq);
    builder.addChecked(new HeartbeatMessage.Field(name, binary, value));
    return false;
  }
}
