package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.AuthKeys.Method;
import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.EnvelopeOpener;
import io.systole.media.secure.EnvelopeSealer;
import io.systole.media.secure.SecureMode;
import io.systole.media.secure.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Systole's authkeys methods: syntax, rotation, mixing with Heartbeat's, weak secrets. */
class AuthKeysSystoleTest {
  /** 32 random bytes in base64, as {@code openssl rand -base64 32} prints them. */
  static final String OLD = "q3Vb7yQe1Zr0mN8kX2cL5tH9wJ4sD6fG0aP3uE7iR1o=";

  static final String NEW = "Yt6Rk2Wm9Lp4Xq7Bz1Nc8Vd3Fs5Gh0Jj2Kl6Mn9Pq4s=";

  @TempDir Path dir;
  private ConfigFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConfigFixture(dir);
  }

  private ConfigFixture file(final String text) {
    return fx.authkeys(text, "rw-------");
  }

  @ParameterizedTest
  @CsvSource({
    "systole-hmac-sha256,HMAC_SHA256",
    "systole-aes256-gcm,AES256_GCM",
    "SYSTOLE-AES256-GCM,AES256_GCM"
  })
  void aSystoleMethodSealsEnvelopes(final String word, final Method method) {
    final ConfigFixture f = file("auth 1\n1 " + word + " " + OLD + "\n");
    assertEquals(List.of(), f.warnings());
    final AuthKeys k = f.ok().authKeys();
    assertEquals(method, k.active().method());
    assertTrue(k.sendsEnvelopes());
    assertEquals(method.secureMode(), k.envelopeKeys().sender().mode());
    assertFalse(k.toString().contains(OLD));
    assertFalse(k.envelopeKeys().toString().contains(OLD));
  }

  @Test
  void heartbeatMethodsStayHeartbeats() {
    final AuthKeys k = fx.ok().authKeys();
    assertFalse(k.sendsEnvelopes());
    assertFalse(k.hasSystoleKeys());
    assertThrows(IllegalStateException.class, k::envelopeKeys);
  }

  @Test
  void rotationInTwoSlots() {
    final EnvelopeKeys before =
        file("auth 1\n1 systole-aes256-gcm " + OLD + "\n").ok().authKeys().envelopeKeys();
    final ConfigFixture both =
        file("auth 1\n1 systole-aes256-gcm " + OLD + "\n2 systole-aes256-gcm " + NEW + "\n");
    assertEquals(List.of(), both.warnings());
    final EnvelopeKeys added = both.ok().authKeys().envelopeKeys();
    final EnvelopeKeys switched =
        file("auth 2\n1 systole-aes256-gcm " + OLD + "\n2 systole-aes256-gcm " + NEW + "\n")
            .ok()
            .authKeys()
            .envelopeKeys();
    final EnvelopeKeys after =
        file("auth 2\n2 systole-aes256-gcm " + NEW + "\n").ok().authKeys().envelopeKeys();
    assertEquals(2, switched.sender().slot());

    final InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(2_000_000_000L));
    final EnvelopeSealer ha1 = new EnvelopeSealer(before, "ha1", 1_999_999_000L);
    final EnvelopeOpener ha2 = new EnvelopeOpener(added, clock);
    final byte[] out = new byte[256 * 1024];
    for (final EnvelopeKeys step : List.of(before, added, switched, after)) {
      ha1.useKeys(step);
      if (step == after) {
        ha2.useKeys(after);
      }
      final byte[] env = ha1.seal(new byte[] {1});
      assertEquals(Verdict.ACCEPTED, ha2.open(env, 0, env.length, out, 0), step.toString());
    }
  }

  @Test
  void migrationWithAuthOnHeartbeatIsReceiveOnlyAndWarned() {
    final ConfigFixture f =
        file("auth 1\n1 sha1 OldHeartbeatKey\n2 systole-hmac-sha256 " + NEW + "\n");
    assertEquals(
        List.of(
            "authkeys:1: auth 1 sends Heartbeat messages; Systole key 2 only open envelopes: a"
                + " migration state (Heartbeat refuses this file); switch auth to a Systole key on"
                + " every node, then remove the Heartbeat keys"),
        f.warnings());
    final AuthKeys k = f.ok().authKeys();
    assertFalse(k.sendsEnvelopes());
    assertTrue(k.hasSystoleKeys());
    assertFalse(k.envelopeKeys().canSeal());
    assertEquals(SecureMode.HMAC_SHA256, k.envelopeKeys().forSlot(2).mode());
  }

  @Test
  void migrationWithAuthOnSystoleWarnsAboutTheHeartbeatKeys() {
    final ConfigFixture f =
        file(
            "# moving to Systole\n1 sha1 OldHeartbeatKey\n3 md5 Older\nauth 2\n"
                + "2 systole-aes256-gcm "
                + NEW
                + "\n");
    assertEquals(
        List.of(
            "authkeys:4: auth 2 seals Systole envelopes, which Heartbeat nodes cannot read, while"
                + " keys 1, 3 still accept Heartbeat messages, which can be replayed: a migration"
                + " state; remove them once every node seals with a Systole key"),
        f.warnings());
    assertTrue(f.ok().authKeys().sendsEnvelopes());
  }

  @Test
  void crcNextToASystoleAuthIsAnError() {
    final ConfigFixture f = file("auth 2\n1 crc\n2 systole-hmac-sha256 " + NEW + "\n");
    assertEquals(
        List.of(
            "authkeys:2: key 1: crc next to a Systole auth key would accept Heartbeat messages"
                + " anyone can forge; remove it (to leave crc, move every node to sha1 first)"),
        f.errors());
  }

  @Test
  void aThirdSystoleKeyIsWarned() {
    final ConfigFixture f =
        file(
            "auth 1\n1 systole-aes256-gcm "
                + OLD
                + "\n2 systole-aes256-gcm "
                + NEW
                + "\n7 systole-hmac-sha256 "
                + OLD.toUpperCase()
                + "\n");
    assertEquals(
        List.of(
            "authkeys:4: key 7: more than two Systole keys; two are enough to rotate (old and"
                + " new), and each key accepted can forge messages if it leaks: remove the ones no"
                + " node seals with"),
        f.warnings());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hello!",
        "correcthorsebatterystaple",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababababababababababababab",
        "0123456789abcdef",
        "Zq8sEcReT4Lm2Vx"
      })
  void weakSecretsAreWarnedWithoutBeingShown(final String secret) {
    final ConfigFixture f = file("auth 5\n5 systole-hmac-sha256 " + secret + "\n");
    assertEquals(
        List.of(
            "authkeys:2: key 5: the secret looks weak (a rough estimate finds less than 128 random"
                + " bits); make one with: openssl rand -base64 32"),
        f.warnings());
    assertTrue(f.load().ok(), "a warning, not an error");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        OLD,
        NEW,
        "5f2b8c9e1a7d3f60c4e8b2a19d7f3e5c",
        "kT3vQ9zL2xW7mR4pN8bY1cH6",
        "CorrectHorse-Battery_Staple-42-Zebra"
      })
  void strongSecretsPass(final String secret) {
    assertTrue(AuthKeysParser.estimatedBits(secret) >= 128, secret);
    assertEquals(List.of(), file("auth 5\n5 systole-aes256-gcm " + secret + "\n").warnings());
  }

  @Test
  void heartbeatSecretsAreNotJudged() {
    assertEquals(List.of(), file("auth 1\n1 sha1 Hello!\n").warnings());
  }

  @Test
  void noMessageEverContainsASystoleSecret() {
    final String weak = "weak-secret";
    final List<String> all =
        fx.authkeys(
                "auth 2\n1 crc\n2 systole-hmac-sha256 "
                    + weak
                    + " tail\n3 systole-aes256-gcm "
                    + OLD
                    + "\n4 systole-nosuch "
                    + NEW
                    + "\n5 sha1 "
                    + NEW
                    + "\n6 "
                    + OLD
                    + "\n",
                "rw-r--r--")
            .lines();
    assertTrue(all.size() >= 5, all::toString);
    for (final String line : all) {
      for (final String secret : List.of(weak, OLD, NEW, OLD.substring(0, 10))) {
        assertFalse(line.contains(secret), line);
      }
    }
  }
}
