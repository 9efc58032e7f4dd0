package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** Neither a secret nor any key derived from it shows in toString or in an exception message. */
class SecretsNeverShownTest {
  private static final String SECRET = "Zq8sEcReT-never-printed-4Lm2Vx7Bn1Kd9Hf3";

  @Test
  void nothingPrintedHoldsKeyMaterial() {
    final EnvelopeKey mac = Fixtures.hmac(1, SECRET);
    final EnvelopeKey gcm = Fixtures.gcm(2, SECRET);
    final EnvelopeKeys keys = EnvelopeKeys.of(2, mac, gcm);
    final EnvelopeSealer sealer = new EnvelopeSealer(keys, "ha1", 5);
    final EnvelopeOpener opener = new EnvelopeOpener(keys, new Fixtures.Clock());
    final byte[] env = sealer.seal(new byte[] {1});
    opener.open(env, 0, env.length, Fixtures.payloadBuffer(), 0);

    final List<String> printed = new ArrayList<>();
    printed.add(mac.toString());
    printed.add(gcm.toString());
    printed.add(keys.toString());
    printed.add(sealer.toString());
    printed.add(opener.toString());
    printed.add(opener.window("ha1").toString());
    printed.add(
        assertThrows(
                IllegalArgumentException.class,
                () -> EnvelopeKey.of(16, SecureMode.AES256_GCM, SECRET))
            .getMessage());
    printed.add(
        assertThrows(
                IllegalArgumentException.class,
                () -> EnvelopeKeys.of(1, mac, Fixtures.hmac(1, SECRET)))
            .getMessage());
    printed.add(
        assertThrows(
                IllegalStateException.class, () -> EnvelopeKeys.receiveOnly(List.of(mac)).sender())
            .getMessage());

    final List<String> material = new ArrayList<>();
    material.add(SECRET);
    material.add(HexFormat.of().formatHex(mac.macKey().getEncoded()));
    material.add(
        HexFormat.of()
            .formatHex(gcm.senderKey(Hkdf.newMac(), "ha1".getBytes(), 0, 3).getEncoded()));
    for (final String p : printed) {
      for (final String m : material) {
        assertFalse(p.contains(m) || p.contains(m.substring(0, 12)), p);
      }
    }
  }

  @Test
  void derivedKeysDifferByModeAndSender() {
    final Mac hkdf = Hkdf.newMac();
    final EnvelopeKey gcm = Fixtures.gcm(2, SECRET);
    final String a =
        HexFormat.of().formatHex(gcm.senderKey(hkdf, "ha1".getBytes(), 0, 3).getEncoded());
    final String b =
        HexFormat.of().formatHex(gcm.senderKey(hkdf, "ha2".getBytes(), 0, 3).getEncoded());
    final String m = HexFormat.of().formatHex(Fixtures.hmac(2, SECRET).macKey().getEncoded());
    assertFalse(a.equals(b) || a.equals(m) || b.equals(m));
  }
}
