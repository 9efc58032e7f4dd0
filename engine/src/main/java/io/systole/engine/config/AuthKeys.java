package io.systole.engine.config;

import io.systole.media.secure.EnvelopeKey;
import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.SecureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authkeys file: the keys by index and the one that signs our messages. Secrets never appear in
 * {@link #toString()} or anything printed.
 *
 * <p>Heartbeat's methods ({@code crc}, {@code md5}, {@code sha1}) sign Heartbeat messages.
 * Systole's methods ({@code systole-hmac-sha256}, {@code systole-aes256-gcm}) seal envelopes that
 * only Systole nodes read ({@code io.systole.media.secure}): when {@code auth N} names one, this
 * node sends envelopes ({@link #sendsEnvelopes()}); every configured Systole key opens envelopes
 * that name its index, which is how keys rotate without downtime.
 *
 * @param activeIndex the index of the key that signs outgoing messages ({@code auth N})
 * @param keys every key by index
 */
public record AuthKeys(int activeIndex, Map<Integer, Key> keys) {
  /** Copies the keys. */
  public AuthKeys {
    keys = Map.copyOf(keys);
  }

  /** The key that signs outgoing messages. */
  public Key active() {
    return keys.get(activeIndex);
  }

  /** Whether this node sends Systole envelopes ({@code auth N} names a Systole method). */
  public boolean sendsEnvelopes() {
    return active().method().systole();
  }

  /** Whether any key has a Systole method (so this node opens envelopes). */
  public boolean hasSystoleKeys() {
    return keys.values().stream().anyMatch(k -> k.method().systole());
  }

  /**
   * The Systole keys as an envelope keyring: sealing with the active key when it is one, otherwise
   * receive-only (the migration state). Derives the keys (HKDF) on each call.
   *
   * @throws IllegalStateException if no key has a Systole method
   */
  public EnvelopeKeys envelopeKeys() {
    final List<EnvelopeKey> out = new ArrayList<>();
    new TreeMap<>(keys)
        .forEach(
            (index, k) -> {
              if (k.method().systole()) {
                out.add(EnvelopeKey.of(index, k.method().secureMode(), k.secret()));
              }
            });
    if (out.isEmpty()) {
      throw new IllegalStateException("authkeys has no Systole key");
    }
    return sendsEnvelopes() ? EnvelopeKeys.of(activeIndex, out) : EnvelopeKeys.receiveOnly(out);
  }

  /** The authentication methods: Heartbeat's three and Systole's two. */
  public enum Method {
    /** CRC-32: detects damage, proves nothing; no secret. */
    CRC("crc", null),
    /** HMAC-MD5 with the secret. */
    MD5("md5", null),
    /** HMAC-SHA1 with the secret. */
    SHA1("sha1", null),
    /** Systole envelopes, HMAC-SHA256 with keys derived from the secret; payload in clear. */
    HMAC_SHA256(SecureMode.HMAC_SHA256.keyword(), SecureMode.HMAC_SHA256),
    /** Systole envelopes, AES-256-GCM with keys derived from the secret; payload encrypted. */
    AES256_GCM(SecureMode.AES256_GCM.keyword(), SecureMode.AES256_GCM);

    private final String keyword;
    private final SecureMode secureMode;

    Method(final String keyword, final SecureMode secureMode) {
      this.keyword = keyword;
      this.secureMode = secureMode;
    }

    /** The method's name in authkeys, such as {@code sha1} or {@code systole-aes256-gcm}. */
    public String keyword() {
      return keyword;
    }

    /** Whether this is a Systole method (envelopes Heartbeat cannot read). */
    public boolean systole() {
      return secureMode != null;
    }

    /** The envelope mode of a Systole method, null for Heartbeat's. */
    public SecureMode secureMode() {
      return secureMode;
    }

    /** The method named {@code word} in authkeys, any case, or null if none is. */
    public static Method fromKeyword(final String word) {
      final String w = word.toLowerCase(Locale.ROOT);
      for (final Method m : values()) {
        if (m.keyword.equals(w)) {
          return m;
        }
      }
      return null;
    }
  }

  /** One key line: {@code N METHOD [SECRET]}. */
  public record Key(int index, Method method, String secret) {
    @Override
    public String toString() {
      return "Key[index="
          + index
          + ", method="
          + method
          + (secret.isEmpty() ? "" : ", secret=***")
          + "]";
    }
  }
}
