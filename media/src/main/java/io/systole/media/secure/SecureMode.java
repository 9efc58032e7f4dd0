package io.systole.media.secure;

import java.util.Locale;

/**
 * The two protections of Systole's modern mode, each named in {@code authkeys} by a keyword that
 * Heartbeat's method names ({@code crc}, {@code md5}, {@code sha1}) cannot clash with. The keyword
 * names the algorithm, so a future algorithm gets a new keyword instead of changing the meaning of
 * an old one.
 */
public enum SecureMode {
  /**
   * {@code systole-hmac-sha256}: the payload travels in clear; HMAC-SHA256 (full 32 bytes) over
   * header and payload proves who sent it and that nothing changed.
   */
  HMAC_SHA256(1, "systole-hmac-sha256", 32),
  /**
   * {@code systole-aes256-gcm}: the payload is encrypted with AES-256-GCM under a key of the sender
   * alone; the header is authenticated as associated data; the 16-byte GCM tag.
   */
  AES256_GCM(2, "systole-aes256-gcm", 16);

  private final int code;
  private final String keyword;
  private final int tagLength;

  SecureMode(final int code, final String keyword, final int tagLength) {
    this.code = code;
    this.keyword = keyword;
    this.tagLength = tagLength;
  }

  /** The mode byte of the envelope header. */
  public int code() {
    return code;
  }

  /** The method's name in {@code authkeys}. */
  public String keyword() {
    return keyword;
  }

  /** The length of the tag that ends an envelope, in bytes. */
  public int tagLength() {
    return tagLength;
  }

  /** Whether the payload is encrypted. */
  public boolean encrypts() {
    return this == AES256_GCM;
  }

  /** The mode with header byte {@code code}, or null if there is none. */
  public static SecureMode fromCode(final int code) {
    for (final SecureMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    return null;
  }

  /** The mode named {@code keyword} in authkeys (case-insensitive), or null if there is none. */
  public static SecureMode fromKeyword(final String keyword) {
    final String k = keyword.toLowerCase(Locale.ROOT);
    for (final SecureMode m : values()) {
      if (m.keyword.equals(k)) {
        return m;
      }
    }
    return null;
  }
}
