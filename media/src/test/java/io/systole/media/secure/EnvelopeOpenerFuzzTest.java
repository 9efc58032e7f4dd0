package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the opener with arbitrary bytes: it must return a verdict and never throw, and an envelope
 * it accepts once is a duplicate the second time. The bytes are also sealed as a payload in both
 * modes, which must open to the same bytes, and then changed in one byte (chosen by the input),
 * which must not open. {@code mvn test} replays the seed inputs under {@code
 * src/test/resources/io/systole/media/secure/EnvelopeOpenerFuzzTestInputs/openNeverThrows}; {@code
 * JAZZER_FUZZ=1 mvn test -pl media -Dtest=EnvelopeOpenerFuzzTest} fuzzes for real.
 */
class EnvelopeOpenerFuzzTest {
  /** The secrets the seed envelopes were sealed with (slot 1 HMAC, slot 2 AES-GCM). */
  static final String HMAC_SECRET = "fuzz-hmac-secret-2f8a9c1e7b3d5f60";

  static final String GCM_SECRET = "fuzz-gcm-secret-7c2e4a6b8d0f1e3c";

  /** The clock the seeds were made for: 2027-01-15. */
  static final long NOW = 1_800_000_000L;

  private static final EnvelopeKeys KEYS =
      EnvelopeKeys.of(
          1,
          EnvelopeKey.of(1, SecureMode.HMAC_SHA256, HMAC_SECRET),
          EnvelopeKey.of(2, SecureMode.AES256_GCM, GCM_SECRET));
  private static final EnvelopeKeys GCM_KEYS =
      EnvelopeKeys.of(2, EnvelopeKey.of(2, SecureMode.AES256_GCM, GCM_SECRET));
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(NOW));
  private static final byte[] OUT = new byte[EnvelopeLayout.MAX_PAYLOAD + 64];

  /** The seeds stay meaningful: the sealed ones still open (the format or keys did not drift). */
  @Test
  void sealedSeedsStillOpen() throws IOException {
    for (final String seed : new String[] {"hmac-status", "gcm-status", "gcm-empty"}) {
      final byte[] data;
      try (InputStream in =
          EnvelopeOpenerFuzzTest.class.getResourceAsStream(
              "EnvelopeOpenerFuzzTestInputs/openNeverThrows/" + seed)) {
        data = in.readAllBytes();
      }
      assertEquals(
          Verdict.ACCEPTED,
          new EnvelopeOpener(KEYS, CLOCK).open(data, 0, data.length, OUT, 0),
          seed);
    }
    final byte[] huge;
    try (InputStream in =
        EnvelopeOpenerFuzzTest.class.getResourceAsStream(
            "EnvelopeOpenerFuzzTestInputs/openNeverThrows/hmac-huge-generation")) {
      huge = in.readAllBytes();
    }
    assertEquals(
        Verdict.FUTURE_GENERATION,
        new EnvelopeOpener(KEYS, CLOCK).open(huge, 0, huge.length, OUT, 0));
  }

  @FuzzTest(maxDuration = "60s")
  void openNeverThrows(final byte[] data) {
    final EnvelopeOpener opener = new EnvelopeOpener(KEYS, CLOCK);
    final Verdict v = opener.open(data, 0, data.length, OUT, 0);
    assertNotNull(v);
    if (v == Verdict.ACCEPTED) {
      assertEquals(Verdict.DUPLICATE, opener.open(data, 0, data.length, OUT, 0));
    }
    if (data.length <= EnvelopeLayout.MAX_PAYLOAD) {
      sealOpenAndTamper(KEYS, data);
      sealOpenAndTamper(GCM_KEYS, data);
    }
  }

  private static void sealOpenAndTamper(final EnvelopeKeys keys, final byte[] payload) {
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "fuzz", NOW - 1);
    final byte[] env = sealer.seal(payload);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, CLOCK);
    assertEquals(Verdict.ACCEPTED, opener.open(env, 0, env.length, OUT, 0));
    assertArrayEquals(payload, Arrays.copyOf(OUT, opener.payloadLength()));
    final byte[] bad = sealer.seal(payload);
    final int at = Math.floorMod(Arrays.hashCode(payload), bad.length);
    bad[at] ^= (byte) (1 + (payload.length == 0 ? 0 : payload[0] & 0x7F));
    assertNotEquals(Verdict.ACCEPTED, opener.open(bad, 0, bad.length, OUT, 0), "byte " + at);
  }
}
