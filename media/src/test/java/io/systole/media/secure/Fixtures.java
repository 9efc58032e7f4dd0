package io.systole.media.secure;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** Keys, names and a settable clock for the envelope tests. */
final class Fixtures {
  static final String OLD_SECRET = "old-secret-3Jx9QmW2vZ8pL4rT6yN1bC5dF7gH0kS";
  static final String NEW_SECRET = "new-secret-8Rt2WqE5uY7iO9pA1sD3fG6hJ4kL0zX";
  static final long NOW = 1_800_000_000L;
  static final long GEN = NOW - 3600;

  private Fixtures() {}

  static EnvelopeKey hmac(final int slot, final String secret) {
    return EnvelopeKey.of(slot, SecureMode.HMAC_SHA256, secret);
  }

  static EnvelopeKey gcm(final int slot, final String secret) {
    return EnvelopeKey.of(slot, SecureMode.AES256_GCM, secret);
  }

  static EnvelopeKey key(final SecureMode mode, final int slot, final String secret) {
    return EnvelopeKey.of(slot, mode, secret);
  }

  /** A clock standing at {@link #NOW}, movable by the test. */
  static final class Clock implements InstantSource {
    final AtomicLong seconds = new AtomicLong(NOW);

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.get());
    }

    @Override
    public long millis() {
      return seconds.get() * 1000;
    }
  }

  static byte[] payloadBuffer() {
    return new byte[EnvelopeLayout.MAX_PAYLOAD];
  }
}
