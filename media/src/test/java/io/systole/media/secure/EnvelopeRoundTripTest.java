package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Seal then open gives back the payload, in both modes and both slots, with the header's facts. */
class EnvelopeRoundTripTest {
  private static final byte[] STATUS =
      "###\n11:(0)t=status,13:(0)st=active,%%%\n".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({"HMAC_SHA256,1", "HMAC_SHA256,2", "AES256_GCM,1", "AES256_GCM,2"})
  void roundTripInEitherSlot(final SecureMode mode, final int sendSlot) {
    final EnvelopeKeys keys =
        EnvelopeKeys.of(
            sendSlot,
            Fixtures.key(mode, 1, Fixtures.OLD_SECRET),
            Fixtures.key(mode, 2, Fixtures.NEW_SECRET));
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "ha1", Fixtures.GEN);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final byte[] out = Fixtures.payloadBuffer();
    for (int i = 1; i <= 3; i++) {
      final byte[] env = sealer.seal(STATUS);
      assertEquals(EnvelopeLayout.sealedLength(mode, 3, STATUS.length), env.length);
      assertEquals(Verdict.ACCEPTED, opener.open(env, 0, env.length, out, 0));
      assertArrayEquals(STATUS, Arrays.copyOf(out, opener.payloadLength()));
      assertEquals("ha1", opener.sender());
      assertEquals(sendSlot, opener.slot());
      assertEquals(Fixtures.GEN, opener.generation());
      assertEquals(i, opener.sequence());
    }
    assertEquals(3, opener.count(Verdict.ACCEPTED));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void emptyLargestAndRandomPayloads(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(3, Fixtures.key(mode, 3, Fixtures.OLD_SECRET));
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "node-with-a-long-name.example", 7);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final Random r = new Random(5);
    final byte[] out = Fixtures.payloadBuffer();
    for (final int len : new int[] {0, 1, 15, 16, 17, 200, 1400, EnvelopeLayout.MAX_PAYLOAD}) {
      final byte[] p = new byte[len];
      r.nextBytes(p);
      final byte[] env = sealer.seal(p);
      assertEquals(Verdict.ACCEPTED, opener.open(env, 0, env.length, out, 0), "length " + len);
      assertArrayEquals(p, Arrays.copyOf(out, opener.payloadLength()), "length " + len);
    }
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void headerIsAsDocumented(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(9, Fixtures.key(mode, 9, Fixtures.OLD_SECRET));
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "ha2", 0x0102_0304L);
    sealer.seal(new byte[1]);
    final byte[] env = sealer.seal(STATUS);
    assertEquals('S', env[0]);
    assertEquals('Y', env[1]);
    assertEquals(1, env[EnvelopeLayout.VERSION_OFFSET]);
    assertEquals(mode.code(), env[EnvelopeLayout.MODE_OFFSET]);
    assertEquals(9, env[EnvelopeLayout.SLOT_OFFSET]);
    assertEquals(3, env[EnvelopeLayout.SENDER_LENGTH_OFFSET]);
    assertEquals(0x0102_0304L, EnvelopeLayout.getLong(env, EnvelopeLayout.GENERATION_OFFSET));
    assertEquals(2, EnvelopeLayout.getLong(env, EnvelopeLayout.SEQUENCE_OFFSET));
    assertEquals(STATUS.length, EnvelopeLayout.getInt(env, EnvelopeLayout.PAYLOAD_LENGTH_OFFSET));
    assertEquals("ha2", new String(env, EnvelopeLayout.SENDER_OFFSET, 3, StandardCharsets.UTF_8));
    final byte[] body = Arrays.copyOfRange(env, 29, 29 + STATUS.length);
    assertEquals(!mode.encrypts(), Arrays.equals(STATUS, body), "clear only in HMAC mode");
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void encryptedPayloadDoesNotShowOnTheWire(final SecureMode mode) {
    final byte[] secretText = "st=active ld=1.93 rsc_hold=all".getBytes(StandardCharsets.US_ASCII);
    final EnvelopeKeys keys = EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
    final byte[] env = new EnvelopeSealer(keys, "ha1", 5).seal(secretText);
    final String wire = new String(env, StandardCharsets.ISO_8859_1);
    assertEquals(!mode.encrypts(), wire.contains("st=active"));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void opensInPlaceAndAtOffsets(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "ha1", 5);
    final byte[] buf = new byte[EnvelopeLayout.MAX_LENGTH + 100];
    final int n = sealer.seal(STATUS, 0, STATUS.length, buf, 37);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    assertEquals(Verdict.ACCEPTED, opener.open(buf, 37, n, buf, 0));
    assertArrayEquals(STATUS, Arrays.copyOf(buf, opener.payloadLength()));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void eachSenderHasItsOwnStream(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
    final EnvelopeSealer a = new EnvelopeSealer(keys, "ha1", 5);
    final EnvelopeSealer b = new EnvelopeSealer(keys, "ha2", 5);
    final byte[] fromA = a.seal(STATUS);
    final byte[] fromB = b.seal(STATUS);
    assertFalse(Arrays.equals(fromA, fromB));
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final byte[] out = Fixtures.payloadBuffer();
    assertEquals(Verdict.ACCEPTED, opener.open(fromA, 0, fromA.length, out, 0));
    assertEquals(Verdict.ACCEPTED, opener.open(fromB, 0, fromB.length, out, 0));
    assertEquals("ha2", opener.sender());
    assertTrue(opener.window("ha1") != opener.window("ha2"));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void sealerRefusesWhatItCannotSeal(final SecureMode mode) {
    final EnvelopeKeys keys = EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
    assertThrows(IllegalArgumentException.class, () -> new EnvelopeSealer(keys, "", 5));
    assertThrows(IllegalArgumentException.class, () -> new EnvelopeSealer(keys, "x".repeat(65), 5));
    assertThrows(IllegalArgumentException.class, () -> new EnvelopeSealer(keys, "ha1", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnvelopeSealer(keys, "ha1", EnvelopeLayout.MAX_GENERATION + 1));
    final EnvelopeSealer s = new EnvelopeSealer(keys, "ha1", 5);
    assertThrows(
        IllegalArgumentException.class, () -> s.seal(new byte[EnvelopeLayout.MAX_PAYLOAD + 1]));
    assertThrows(
        IllegalArgumentException.class, () -> s.seal(STATUS, 0, STATUS.length, new byte[40], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnvelopeSealer(EnvelopeKeys.receiveOnly(keys.all()), "ha1", 5));
  }
}
