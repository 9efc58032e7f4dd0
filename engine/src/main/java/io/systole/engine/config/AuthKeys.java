package io.systole.engine.config;

import java.util.Map;

/**
 * The authkeys file: the keys by index and the one that signs our messages. Secrets never appear in
 * {@link #toString()} or anything printed.
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

  /** Heartbeat's authentication methods. */
  public enum Method {
    /** CRC-32: detects damage, proves nothing; no secret. */
    CRC,
    /** HMAC-MD5 with the secret. */
    MD5,
    /** HMAC-SHA1 with the secret. */
    SHA1
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
