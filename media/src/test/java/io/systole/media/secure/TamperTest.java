package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Any change to an envelope, a wrong key or the wrong mode: never accepted, and nothing moves. */
class TamperTest {
  private static final byte[] PAYLOAD = "t=status st=active".getBytes();

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void everyFlippedBitOfEveryByteFails(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(4, Fixtures.key(mode, 4, Fixtures.OLD_SECRET));
    final byte[] env = new EnvelopeSealer(keys, "ha1", Fixtures.GEN).seal(PAYLOAD);
    final byte[] out = Fixtures.payloadBuffer();
    for (int i = 0; i < env.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
        final byte[] bad = env.clone();
        bad[i] ^= (byte) (1 << bit);
        final Verdict v = opener.open(bad, 0, bad.length, out, 0);
        assertNotEquals(Verdict.ACCEPTED, v, "byte " + i + " bit " + bit);
        assertEquals(null, opener.window("ha1"), "a rejected envelope creates no window");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void payloadAndTagChangesAreBadTags(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(4, Fixtures.key(mode, 4, Fixtures.OLD_SECRET));
    final byte[] env = new EnvelopeSealer(keys, "ha1", Fixtures.GEN).seal(PAYLOAD);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final int header = EnvelopeLayout.headerLength(3);
    for (int i = header - 3; i < env.length; i++) {
      final byte[] bad = env.clone();
      bad[i]++;
      assertEquals(
          Verdict.BAD_TAG, opener.open(bad, 0, bad.length, Fixtures.payloadBuffer(), 0), "" + i);
    }
    assertEquals(env.length - header + 3, opener.count(Verdict.BAD_TAG));
    assertEquals(Verdict.ACCEPTED, opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void everyTruncationAndExtensionFails(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(4, Fixtures.key(mode, 4, Fixtures.OLD_SECRET));
    final byte[] env = new EnvelopeSealer(keys, "ha1", Fixtures.GEN).seal(PAYLOAD);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final Set<Verdict> allowed = EnumSet.of(Verdict.TRUNCATED);
    for (int n = 0; n < env.length; n++) {
      final Verdict v = opener.open(env, 0, n, Fixtures.payloadBuffer(), 0);
      assertEquals(true, allowed.contains(v), n + ": " + v);
    }
    final byte[] longer = Arrays.copyOf(env, env.length + 1);
    assertEquals(
        Verdict.MALFORMED, opener.open(longer, 0, longer.length, Fixtures.payloadBuffer(), 0));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void wrongSecretInTheSameSlotFails(final SecureMode mode) {
    final byte[] env =
        new EnvelopeSealer(EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET)), "ha1", 5)
            .seal(PAYLOAD);
    final EnvelopeOpener opener =
        new EnvelopeOpener(
            EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.NEW_SECRET)), new Fixtures.Clock());
    assertEquals(Verdict.BAD_TAG, opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
    assertEquals(null, opener.window("ha1"));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void theSameSecretInTheOtherModeIsAnotherKey(final SecureMode mode) {
    final SecureMode other =
        mode == SecureMode.HMAC_SHA256 ? SecureMode.AES256_GCM : SecureMode.HMAC_SHA256;
    final byte[] env =
        new EnvelopeSealer(EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET)), "ha1", 5)
            .seal(PAYLOAD);
    final EnvelopeOpener opener =
        new EnvelopeOpener(
            EnvelopeKeys.of(1, Fixtures.key(other, 1, Fixtures.OLD_SECRET)), new Fixtures.Clock());
    assertEquals(
        Verdict.MODE_MISMATCH, opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
    // and relabelling the mode byte does not help: the header is authenticated
    env[EnvelopeLayout.MODE_OFFSET] = (byte) other.code();
    assertNotEquals(Verdict.ACCEPTED, opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aSenderCannotPassForAnother(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
    final byte[] env = new EnvelopeSealer(keys, "ha1", 5).seal(PAYLOAD);
    env[EnvelopeLayout.SENDER_OFFSET + 2] = '2';
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    assertEquals(Verdict.BAD_TAG, opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0));
  }
}
