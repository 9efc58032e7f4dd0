package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded random messages and keys for property tests. */
final class RandomMessages {
  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:()!#$%&*+,/;<>?@[]^{|}~";

  private RandomMessages() {}

  static HeartbeatMessage message(final Random r) {
    return message(r, false);
  }

  /**
   * A random message; {@code plain} keeps string values free of CR and angle brackets, which
   * verify_auth.py's line-based classic parser strips or takes for frame ends, and starts with a
   * {@code t} field.
   */
  static HeartbeatMessage message(final Random r, final boolean plain) {
    final HeartbeatMessage.Builder b = HeartbeatMessage.builder();
    if (plain) {
      b.add("t", "status"); // verify_auth.py decodes the first "t" field as text
    }
    final int n = r.nextInt(16);
    for (int i = 0; i < n; i++) {
      final String name = name(r);
      if (r.nextInt(4) == 0) {
        final byte[] v = new byte[r.nextInt(40)];
        r.nextBytes(v);
        b.addBinary(name, v);
      } else {
        b.add(name, plain ? text(r).replaceAll("[\\r<>]", "_") : text(r));
      }
    }
    return b.build();
  }

  static String name(final Random r) {
    while (true) {
      final StringBuilder sb = new StringBuilder();
      final int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 255 : 10);
      for (int i = 0; i < len; i++) {
        sb.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
      }
      final String s = sb.toString();
      if (s.charAt(0) != '(' && !s.equals(HeartbeatMessage.AUTH)) {
        return s;
      }
    }
  }

  static String text(final Random r) {
    final StringBuilder sb = new StringBuilder();
    final int len = r.nextInt(r.nextInt(20) == 0 ? 2000 : 30);
    for (int i = 0; i < len; i++) {
      final int kind = r.nextInt(10);
      final char c =
          kind == 0
              ? (char) (0x80 + r.nextInt(0x700)) // non-ASCII: multi-byte UTF-8
              : kind == 1 ? "=,:()%#>< \t\r".charAt(r.nextInt(12)) : (char) (0x20 + r.nextInt(95));
      sb.append(c);
    }
    return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  static Authenticator authenticator(final Random r, final int index) {
    final AuthMethod m = AuthMethod.values()[r.nextInt(3)];
    return m == AuthMethod.CRC ? Authenticator.crc(index) : Authenticator.of(index, m, key(r));
  }

  static String key(final Random r) {
    final StringBuilder sb = new StringBuilder();
    final int len = 1 + r.nextInt(80); // longer than a block sometimes: HMAC hashes the key
    for (int i = 0; i < len; i++) {
      sb.append((char) (0x21 + r.nextInt(94)));
    }
    return sb.toString();
  }

  static AuthKeys keys(final Random r) {
    final int index = r.nextInt(16);
    return AuthKeys.of(index, authenticator(r, index));
  }

  private static final String[] TYPES = {
    "status", "NS_ackmsg", "resource", "NS_rexmit", "ask_resources", "starting", "Status", ""
  };

  /**
   * A random message shaped like Heartbeat's own: a type, the fields every message carries ({@code
   * src} mostly one of {@code nodes} in any letter case, {@code srcuuid}, {@code seq}, {@code hg},
   * {@code ts}, {@code ld}, {@code ttl}), sometimes {@code dest}, {@code dt}, extra random fields,
   * repeated names or a binary field under a well-known name, and now and then a number that is not
   * one (empty, too long, upper case, not hex).
   */
  static HeartbeatMessage heartbeat(final Random r, final List<String> nodes) {
    final HeartbeatMessage.Builder b = HeartbeatMessage.builder();
    b.add("t", TYPES[r.nextInt(TYPES.length)]);
    if (r.nextBoolean()) {
      b.add("st", "active").add("dt", number(r, 16)).add("protocol", "1");
    }
    extras(r, b);
    b.add("src", r.nextInt(10) == 0 ? name(r) : anyCase(r, nodes.get(r.nextInt(nodes.size()))));
    final byte[] uuid = new byte[16];
    r.nextBytes(uuid);
    b.addBinary("srcuuid", uuid);
    if (r.nextInt(8) == 0) {
      b.addBinary("seq", uuid); // a binary field does not count as the string seq
    }
    b.add("seq", number(r, 16)).add("hg", number(r, 16)).add("ts", number(r, 16));
    b.add("ld", "1.93 1.10 0.49 4/139 20200").add("ttl", number(r, 10));
    if (r.nextInt(4) == 0) {
      b.add("dest", r.nextInt(10) == 0 ? name(r) : nodes.get(r.nextInt(nodes.size())));
    }
    if (r.nextInt(8) == 0) {
      b.add("src", nodes.get(r.nextInt(nodes.size()))).add("seq", "1"); // repeats: first wins
    }
    extras(r, b);
    return b.build();
  }

  private static void extras(final Random r, final HeartbeatMessage.Builder b) {
    for (int i = r.nextInt(3); i > 0; i--) {
      if (r.nextInt(4) == 0) {
        final byte[] v = new byte[r.nextInt(40)];
        r.nextBytes(v);
        b.addBinary(name(r), v);
      } else {
        b.add(name(r), text(r));
      }
    }
  }

  private static String anyCase(final Random r, final String s) {
    final StringBuilder sb = new StringBuilder();
    for (final char c : s.toCharArray()) {
      sb.append(r.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  /** Mostly a number in {@code radix}; sometimes something that is not quite one. */
  static String number(final Random r, final int radix) {
    switch (r.nextInt(20)) {
      case 0:
        return "";
      case 1:
        return "ffffffffffffffff"; // 16 digits: more than the view reads
      case 2:
        return "6B05DDDB";
      case 3:
        return "0x1f";
      case 4:
        return "12 ";
      case 5:
        return "99999999999999999999";
      default:
        return Long.toString(r.nextLong() >>> (4 + r.nextInt(60)), radix);
    }
  }

  /**
   * {@code data} with one to three random edits: a byte replaced (often by a framing character), a
   * range deleted, bytes inserted, or a range repeated.
   */
  static byte[] mutate(final Random r, final byte[] data) {
    byte[] d = data;
    for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
      final int at = d.length == 0 ? 0 : r.nextInt(d.length);
      final int n = 1 + r.nextInt(r.nextBoolean() ? 3 : 40);
      switch (r.nextInt(4)) {
        case 0:
          if (d.length > 0) {
            d = d.clone();
            d[at] = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : (byte) r.nextInt(256);
          }
          break;
        case 1:
          d = splice(d, at, Math.min(n, d.length - at), new byte[0]);
          break;
        case 2:
          final byte[] ins = new byte[n];
          for (int i = 0; i < n; i++) {
            ins[i] = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : (byte) r.nextInt(256);
          }
          d = splice(d, at, 0, ins);
          break;
        default:
          d = splice(d, at, 0, Arrays.copyOfRange(d, at, Math.min(d.length, at + n)));
          break;
      }
    }
    return d;
  }

  private static final byte[] SPECIAL =
      "0123456789:,=()\n#%<>auth 1".getBytes(StandardCharsets.US_ASCII);

  private static byte[] splice(
      final byte[] d, final int at, final int remove, final byte[] insert) {
    final byte[] out = new byte[d.length - remove + insert.length];
    System.arraycopy(d, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(d, at + remove, out, at + insert.length, d.length - at - remove);
    return out;
  }

  /**
   * {@code data} with its netstring trailer (if it has one) replaced by a valid one from {@code
   * signer}, so that edits before it get past the outer signature.
   */
  static byte[] resignNetstring(final byte[] data, final Authenticator signer) {
    final String s = new String(data, StandardCharsets.ISO_8859_1);
    final int end = s.lastIndexOf("%%%\n");
    final byte[] body = end < 0 ? data : Arrays.copyOf(data, end + 4);
    final String tok = signer.index() + " " + signer.digestHex(body);
    final byte[] trailer = (tok.length() + ":" + tok + ",").getBytes(StandardCharsets.US_ASCII);
    final byte[] out = Arrays.copyOf(body, body.length + trailer.length);
    System.arraycopy(trailer, 0, out, body.length, trailer.length);
    return out;
  }

  /**
   * A classic frame around {@code lines} (classic text, every line ending in LF, no auth line) with
   * an auth line signing them by {@code signer}.
   */
  static byte[] classicFrame(final byte[] lines, final Authenticator signer) {
    final byte[] head = ">>>\n".getBytes(StandardCharsets.US_ASCII);
    final byte[] auth =
        ("auth=" + signer.index() + " " + signer.digestHex(lines) + "\n<<<\n")
            .getBytes(StandardCharsets.US_ASCII);
    final byte[] out = new byte[head.length + lines.length + auth.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(lines, 0, out, head.length, lines.length);
    System.arraycopy(auth, 0, out, head.length + lines.length, auth.length);
    return out;
  }
}
