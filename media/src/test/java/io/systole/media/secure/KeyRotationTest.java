package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rotation procedure: add the new key everywhere, switch {@code auth} node by node, remove the
 * old key. No envelope is lost at any step, and the sender's sequence carries on across the switch.
 */
class KeyRotationTest {
  @ParameterizedTest
  @CsvSource({
    "HMAC_SHA256,HMAC_SHA256",
    "AES256_GCM,AES256_GCM",
    "HMAC_SHA256,AES256_GCM",
    "AES256_GCM,HMAC_SHA256"
  })
  void rotationLosesNothing(final SecureMode oldMode, final SecureMode newMode) {
    final EnvelopeKey oldKey = Fixtures.key(oldMode, 1, Fixtures.OLD_SECRET);
    final EnvelopeKey newKey = Fixtures.key(newMode, 2, Fixtures.NEW_SECRET);
    final EnvelopeKeys before = EnvelopeKeys.of(1, oldKey);
    final EnvelopeKeys added = EnvelopeKeys.of(1, oldKey, newKey);
    final EnvelopeKeys switched = EnvelopeKeys.of(2, oldKey, newKey);
    final EnvelopeKeys after = EnvelopeKeys.of(2, newKey);

    final EnvelopeSealer ha1 = new EnvelopeSealer(before, "ha1", Fixtures.GEN);
    final EnvelopeOpener ha2 = new EnvelopeOpener(before, new Fixtures.Clock());
    final byte[] out = Fixtures.payloadBuffer();
    final List<Verdict> verdicts = new ArrayList<>();
    final Runnable send =
        () -> {
          final byte[] env = ha1.seal(new byte[] {1, 2, 3});
          verdicts.add(ha2.open(env, 0, env.length, out, 0));
        };
    send.run();
    // step 1: both nodes learn the new key; ha1 still seals with the old one
    ha1.useKeys(added);
    send.run();
    ha2.useKeys(added);
    send.run();
    // step 2: ha1 switches auth first, ha2 (still on the old auth) opens both
    ha1.useKeys(switched);
    send.run();
    assertEquals(2, ha2.slot());
    ha2.useKeys(switched);
    send.run();
    // step 3: the old key goes, first on ha2 then on ha1
    ha2.useKeys(after);
    send.run();
    ha1.useKeys(after);
    send.run();

    assertEquals(7, verdicts.size());
    verdicts.forEach(v -> assertEquals(Verdict.ACCEPTED, v, verdicts::toString));
    assertEquals(7, ha2.sequence(), "the sequence carried on across the key switch");
    assertEquals(Fixtures.GEN, ha2.generation());
  }

  @ParameterizedTest
  @CsvSource({"HMAC_SHA256", "AES256_GCM"})
  void switchingTooEarlyIsVisibleNotSilent(final SecureMode mode) {
    final EnvelopeKey oldKey = Fixtures.key(mode, 1, Fixtures.OLD_SECRET);
    final EnvelopeKey newKey = Fixtures.key(mode, 2, Fixtures.NEW_SECRET);
    final EnvelopeSealer ha1 = new EnvelopeSealer(EnvelopeKeys.of(2, oldKey, newKey), "ha1", 9);
    final EnvelopeOpener ha2 = new EnvelopeOpener(EnvelopeKeys.of(1, oldKey), new Fixtures.Clock());
    final byte[] env = ha1.seal(new byte[] {1});
    assertEquals(Verdict.UNKNOWN_SLOT, ha2.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
    assertEquals(1, ha2.count(Verdict.UNKNOWN_SLOT));
  }
}
