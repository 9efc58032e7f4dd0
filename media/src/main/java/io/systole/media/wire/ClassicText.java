package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.WireFormatException.Reason;
import java.util.Base64;

/** The classic text form of fields, which both framings sign for the inner {@code auth} field. */
final class ClassicText {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private ClassicText() {}

  /** Appends {@code name=value\n} (or {@code (1)name=<base64>\n}) for every field. */
  static void write(final HeartbeatMessage message, final ByteSink out) {
    for (final HeartbeatMessage.Field f : message.fields()) {
      if (f.binary()) {
        out.ascii("(1)").put(f.nameBytes()).put('=').put(BASE64.encode(f.rawValue()));
      } else {
        out.put(f.nameBytes()).put('=').put(f.rawValue());
      }
      out.put('\n');
    }
  }

  /**
   * Appends {@code <idx> <hex>}: the signature by {@code signer} of bytes {@code [from, to)}
   * already in {@code out}.
   */
  static void signature(
      final Authenticator signer, final ByteSink out, final int from, final int to) {
    out.decimal(signer.index()).put(' ');
    final int at = out.reserve(signer.method().maxHexLength());
    final int n = signer.digestHex(out.array(), from, to - from, out.array(), at);
    out.truncate(at + n);
  }

  /**
   * Checks signature token {@code tok[at, end)} ({@code <idx> <hex>}, offsets reported relative to
   * {@code base}) against {@code signed[from, from+len)}; {@code scratch} holds 64 bytes.
   */
  static void verify(
      final AuthKeys keys,
      final byte[] scratch,
      final byte[] signed,
      final int from,
      final int len,
      final byte[] tok,
      final int at,
      final int end,
      final int base)
      throws WireFormatException {
    int sp = at;
    int index = 0;
    while (sp < end && tok[sp] >= '0' && tok[sp] <= '9' && sp - at < 2) {
      index = index * 10 + tok[sp] - '0';
      sp++;
    }
    final int hexLen = end - sp - 1;
    if (sp == at || sp == end || tok[sp] != ' ' || hexLen < 1 || hexLen > scratch.length) {
      throw new WireFormatException(Reason.MALFORMED, at - base, "signature is not <idx> <hex>");
    }
    final Authenticator a = keys.forIndex(index);
    if (a == null) {
      throw new WireFormatException(Reason.UNKNOWN_KEY_INDEX, at - base, "index " + index);
    }
    if (!a.verifyHex(signed, from, len, tok, sp + 1, hexLen, scratch)) {
      throw new WireFormatException(Reason.BAD_AUTH, at - base, "digest mismatch");
    }
  }
}
