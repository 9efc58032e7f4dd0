package io.systole.media.auth;

import java.util.Locale;

/**
 * The digest methods of a Heartbeat {@code authkeys} line: {@code crc} (keyless CRC-32, only an
 * integrity check), {@code md5 KEY} (HMAC-MD5) and {@code sha1 KEY} (HMAC-SHA1). All print their
 * digest as lower-case hexadecimal; HMAC digests have a fixed width, the CRC has no leading zeros.
 */
public enum AuthMethod {
  /** POSIX {@code cksum} CRC-32 without the length step, printed with {@code %lx}. */
  CRC("crc", false, 8),
  /** HMAC-MD5 (RFC 2104), 32 hex digits. */
  MD5("md5", true, 32),
  /** HMAC-SHA1 (RFC 2104), 40 hex digits. */
  SHA1("sha1", true, 40);

  private final String wireName;
  private final boolean keyed;
  private final int maxHexLength;

  AuthMethod(final String wireName, final boolean keyed, final int maxHexLength) {
    this.wireName = wireName;
    this.keyed = keyed;
    this.maxHexLength = maxHexLength;
  }

  /** The method's name in {@code authkeys}: {@code crc}, {@code md5} or {@code sha1}. */
  public String wireName() {
    return wireName;
  }

  /** Whether the method takes a key. */
  public boolean keyed() {
    return keyed;
  }

  /** The longest hex digest the method prints. */
  public int maxHexLength() {
    return maxHexLength;
  }

  /**
   * The method named {@code name} in {@code authkeys} (case-insensitive, as Heartbeat compares it).
   *
   * @throws IllegalArgumentException if no method has that name
   */
  public static AuthMethod fromWireName(final String name) {
    for (final AuthMethod m : values()) {
      if (m.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown authentication method");
  }
}
