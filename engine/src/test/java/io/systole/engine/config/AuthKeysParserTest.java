package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.AuthKeys.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** authkeys as Heartbeat reads it, including its refusal of a file others can read. */
class AuthKeysParserTest {
  private static final String SECRET = "s3cr3t-never-printed";

  @TempDir Path dir;
  private ConfigFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConfigFixture(dir);
  }

  @Test
  void activeKeyAndMethods() {
    final AuthKeys k =
        fx.authkeys(
                "# keys\nauth 2\n1 crc\n2 sha1 " + SECRET + "\n3 MD5 other\n0 sha1 zero\n",
                "rw-------")
            .ok()
            .authKeys();
    assertEquals(2, k.activeIndex());
    assertEquals(Method.SHA1, k.active().method());
    assertEquals(SECRET, k.active().secret());
    assertEquals(Method.MD5, k.keys().get(3).method());
    assertEquals(Method.CRC, k.keys().get(1).method());
    assertEquals(4, k.keys().size());
    assertFalse(k.toString().contains(SECRET), "a secret never shows in toString");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------", "rwx------", "rw--w----"})
  void ownerOnlyReadableFilesAreAccepted(final String mode) {
    assertTrue(fx.authkeys(ConfigFixture.AUTHKEYS, mode).load().ok());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--"})
  void filesOthersCanReadAreRefusedWithTheFix(final String mode) {
    assertEquals(
        List.of(
            "authkeys: group or others can read the keys (Heartbeat refuses this too); run:"
                + " chmod 600 "
                + dir.resolve("authkeys")),
        fx.authkeys(ConfigFixture.AUTHKEYS, mode).errors());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "1 sha1 x|authkeys: no auth line: add auth N to pick the key that signs",
        "auth 2\\n1 sha1 x|authkeys:1: auth 2 names no key: define it as 2 sha1 SECRET",
        "auth 16\\n16 sha1 x|authkeys:1: key index '16' is outside 0..15 (keys are 0..15)",
        "auth 1\\n1 sha1|authkeys:2: key 1: sha1 needs a secret: 1 sha1 SECRET",
        "auth 1\\n1 md5|authkeys:2: key 1: md5 needs a secret: 1 md5 SECRET",
        "auth 1\\n1 crc extra|authkeys:2: key 1: crc takes no secret; remove it",
        "auth 1\\n1 sha256 x|authkeys:2: key 1: unknown method (not shown: it may hold the"
            + " secret); use crc, md5 or sha1 (Heartbeat), or systole-hmac-sha256 or"
            + " systole-aes256-gcm (Systole nodes only), then a blank, then the secret",
        "auth 1\\n1 hmac_sha256 x|authkeys:2: key 1: unknown method (not shown: it may hold the"
            + " secret); use crc, md5 or sha1 (Heartbeat), or systole-hmac-sha256 or"
            + " systole-aes256-gcm (Systole nodes only), then a blank, then the secret",
        "auth 1\\nsecret|authkeys:2: a line must start with auth or a key index 0..15 (the word"
            + " is not shown: it may be a secret)",
        "auth 1\\n1|authkeys:2: key 1 needs a method: crc, md5, sha1, systole-hmac-sha256 or"
            + " systole-aes256-gcm",
        "auth 1\\n1 systole-aes256-gcm|authkeys:2: key 1: systole-aes256-gcm needs a secret: 1"
            + " systole-aes256-gcm SECRET",
        "auth\\n1 sha1 x|authkeys:1: write auth N, the index of the key that signs",
        "auth -1\\n1 sha1 x|authkeys:1: key index '-1' is outside 0..15 (keys are 0..15)",
        "auth x\\n1 sha1 x|authkeys:1: a line must start with auth or a key index 0..15 (the word"
            + " is not shown: it may be a secret)"
      })
  void brokenFilesNameTheLine(final String text, final String message) {
    final List<String> errors = fx.authkeys(text.replace("\\n", "\n"), "rw-------").errors();
    assertTrue(errors.contains(message), errors::toString);
  }

  @Test
  void warningsForCrcAndExtraWords() {
    final List<String> w = fx.authkeys("auth 1\n1 crc\n2 sha1 a b\n", "rw-------").warnings();
    assertTrue(
        w.contains(
            "authkeys: the signing key uses crc, which authenticates nothing: anyone on the"
                + " heartbeat network can forge messages; use sha1 with a secret"),
        w::toString);
    assertTrue(w.contains("authkeys:3: key 2: a secret is one word; what follows it is ignored"));
  }

  @Test
  void noMessageEverContainsASecret() {
    final List<String> all =
        fx.authkeys("auth 3\n1 crc " + SECRET + "\n2 sha1 " + SECRET + " tail\n", "rw-r--r--")
            .lines();
    assertFalse(all.isEmpty());
    for (final String line : all) {
      assertFalse(line.contains(SECRET), line);
    }
  }
}
