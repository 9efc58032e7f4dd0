package io.systole.media.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class AuthenticatorTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());

  private static byte[] ascii(final String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void hmacSha1MatchesRfc2202() {
    assertEquals(
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        Authenticator.sha1(1, "Jefe").digestHex(ascii("what do ya want for nothing?")));
  }

  @Test
  void hmacMd5MatchesRfc2104() {
    assertEquals(
        "750c783e6ab0b503eaa86e310a5db738",
        Authenticator.md5(2, "Jefe").digestHex(ascii("what do ya want for nothing?")));
  }

  @Test
  void crcIsPosixCksumWithoutLength() {
    final Authenticator crc = Authenticator.crc(0);
    assertEquals("765e7680", crc.digestHex(ascii("123456789"))); // CRC-32/POSIX check value
    assertEquals("ffffffff", crc.digestHex(new byte[0]));
  }

  @Test
  void crcIsPrintedWithoutLeadingZeros() {
    // verify_auth.py's crc32_hb(b"272") == "5c7bd0"
    assertEquals("5c7bd0", Authenticator.crc(0).digestHex(ascii("272")));
  }

  @Test
  void selftestInnerDigest() {
    // PROTOCOL.md section 4 / verify_auth.py --selftest: the inner auth of the sample packet.
    final byte[] uuid = {
      0x18,
      0x00,
      (byte) 0xc0,
      (byte) 0xc8,
      0x28,
      (byte) 0xe0,
      0x4c,
      (byte) 0xd5,
      (byte) 0xb0,
      (byte) 0xf3,
      (byte) 0xd4,
      0x6f,
      (byte) 0xfd,
      0x4e,
      0x54,
      (byte) 0xe9
    };
    final String text =
        "t=status\nst=active\ndt=1388\nprotocol=1\nsrc=n1\n(1)srcuuid="
            + java.util.Base64.getEncoder().encodeToString(uuid)
            + "\nseq=28\nhg=6b05dddb\nts=6b05ddf5\nld=1.93 1.10 0.49 4/139 20200\nttl=3\n";
    assertEquals(
        "9b71adf8703b1c22c794cc515347bbeb1a7218c7",
        Authenticator.sha1(1, "hbA-harness-shared-key").digestHex(ascii(text)));
  }

  @Test
  void digestWritesIntoCallerBufferAndVerifies() {
    final Authenticator a = Authenticator.md5(3, "k");
    final byte[] data = ascii("xxhelloxx");
    final byte[] out = new byte[40];
    assertEquals(32, a.digestHex(data, 2, 5, out, 4));
    final byte[] scratch = new byte[64];
    assertTrue(a.verifyHex(ascii("hello"), 0, 5, out, 4, 32, scratch));
    out[10] ^= 1;
    assertFalse(a.verifyHex(ascii("hello"), 0, 5, out, 4, 32, scratch));
    assertFalse(a.verifyHex(ascii("hello"), 0, 5, out, 4, 31, scratch));
  }

  @Test
  void keyNeverShown() {
    final String key = "s3cr3t-key-material";
    assertFalse(Authenticator.sha1(1, key).toString().contains(key));
    assertFalse(AuthKeys.of(1, Authenticator.sha1(1, key)).toString().contains(key));
    final String spaced = "s3cr3t key";
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Authenticator.md5(1, spaced));
    assertFalse(e.getMessage().contains("s3cr3t"));
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> Authenticator.crc(16));
    assertThrows(IllegalArgumentException.class, () -> Authenticator.crc(-1));
    assertThrows(IllegalArgumentException.class, () -> Authenticator.of(1, AuthMethod.CRC, "k"));
    assertThrows(IllegalArgumentException.class, () -> Authenticator.sha1(1, ""));
    assertThrows(IllegalArgumentException.class, () -> Authenticator.sha1(1, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> AuthKeys.of(1, Authenticator.crc(1), Authenticator.sha1(1, "k")));
    assertThrows(IllegalArgumentException.class, () -> AuthKeys.of(2, Authenticator.crc(1)));
  }

  @Test
  void keysByIndex() {
    final Authenticator one = Authenticator.sha1(1, "a");
    final Authenticator five = Authenticator.md5(5, "b");
    final AuthKeys keys = AuthKeys.of(5, one, five);
    assertSame(five, keys.sender());
    assertSame(one, keys.forIndex(1));
    assertNull(keys.forIndex(2));
    assertNull(keys.forIndex(99));
    assertEquals(AuthMethod.SHA1, AuthMethod.fromWireName("SHA1"));
  }

  @Test
  void incrementalDigestEqualsOneShotWhateverTheSplit(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 600; i++) {
      final String where = "seed " + SEED + ", case " + i;
      final AuthMethod m = AuthMethod.values()[i % 3];
      final Authenticator a =
          m == AuthMethod.CRC ? Authenticator.crc(0) : Authenticator.of(0, m, key(r));
      final byte[] data = new byte[r.nextInt(300)];
      r.nextBytes(data);
      final String expected = a.digestHex(data);
      a.begin();
      int pos = 0;
      while (pos < data.length) {
        if (r.nextInt(4) == 0) {
          a.update(data[pos++]);
        } else {
          final int n = r.nextInt(data.length - pos + 1);
          a.update(data, pos, n);
          pos += n;
        }
      }
      final byte[] out = new byte[50];
      final int n = a.finishHex(out, 7);
      assertEquals(expected, new String(out, 7, n, StandardCharsets.US_ASCII), where);
      a.begin();
      a.update(data, 0, data.length);
      final byte[] scratch = new byte[64];
      assertTrue(a.finishVerify(out, 7, n, scratch), where);
      a.begin();
      a.update(data, 0, data.length);
      a.update((byte) 1); // not 0: a CRC without initial inversion ignores leading zeros
      assertFalse(a.finishVerify(out, 7, n, scratch), where);
    }
  }

  @Test
  void unfinishedDigestIsDiscardedByTheNextBegin() {
    for (final Authenticator a :
        new Authenticator[] {
          Authenticator.crc(0), Authenticator.md5(0, "k"), Authenticator.sha1(0, "k")
        }) {
      final String expected = a.digestHex(ascii("hello"));
      a.begin();
      a.update(ascii("garbage"), 0, 7);
      assertEquals(expected, a.digestHex(ascii("hello")), a.toString());
    }
  }

  @Test
  void hmacEqualsTheJdkMacForAnyKeyLength(final TestReporter reporter)
      throws GeneralSecurityException {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 400; i++) {
      final boolean sha1 = i % 2 == 0;
      final String key = key(r);
      final byte[] data = new byte[r.nextInt(500)];
      r.nextBytes(data);
      final String algorithm = sha1 ? "HmacSHA1" : "HmacMD5";
      final Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      final Authenticator a = sha1 ? Authenticator.sha1(3, key) : Authenticator.md5(3, key);
      assertEquals(
          HexFormat.of().formatHex(mac.doFinal(data)),
          a.digestHex(data),
          "seed " + SEED + ", case " + i + ", key length " + key.length());
    }
  }

  @Test
  void crcEqualsTheBitwiseDefinitionAtAnyLengthAndOffset(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    final Authenticator crc = Authenticator.crc(0);
    final byte[] out = new byte[8];
    for (int i = 0; i < 2000; i++) {
      final byte[] data = new byte[r.nextInt(100)];
      r.nextBytes(data);
      final int off = data.length == 0 ? 0 : r.nextInt(data.length);
      final int len = r.nextInt(data.length - off + 1);
      int reg = 0; // POSIX cksum without the length: MSB first, no initial inversion
      for (int k = off; k < off + len; k++) {
        reg ^= (data[k] & 0xFF) << 24;
        for (int bit = 0; bit < 8; bit++) {
          reg = reg < 0 ? (reg << 1) ^ 0x04C11DB7 : reg << 1;
        }
      }
      final int n = crc.digestHex(data, off, len, out, 0);
      assertEquals(
          Integer.toHexString(~reg),
          new String(out, 0, n, StandardCharsets.US_ASCII),
          "seed " + SEED + ", case " + i);
    }
  }

  /** A key of 1 to 150 printable characters: shorter and longer than the 64-byte HMAC block. */
  private static String key(final Random r) {
    final StringBuilder sb = new StringBuilder();
    final int len = 1 + r.nextInt(r.nextBoolean() ? 64 : 150);
    for (int i = 0; i < len; i++) {
      sb.append((char) (0x21 + r.nextInt(94)));
    }
    return sb.toString();
  }
}
