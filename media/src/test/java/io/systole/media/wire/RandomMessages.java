package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.nio.charset.StandardCharsets;
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
}
