package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Captured Heartbeat 3.0.6 messages with known digests (verify_auth.py's selftest data). */
final class Samples {
  /** The key of the reference captures. */
  static final String KEY = "hbA-harness-shared-key";

  /** verify_auth.py SAMPLE_SHA1: a captured t=status UDP payload (ucast, sha1, index 1). */
  static final byte[] STATUS_DATAGRAM =
      HexFormat.of()
          .parseHex(
              "2323230a31313a283029743d7374617475732c31323a28302973743d61637469"
                  + "76652c31303a28302964743d313338382c31333a28302970726f746f636f6c3d"
                  + "312c393a2830297372633d6e312c32373a283129737263757569643d1800c0c8"
                  + "28e04cd5b0f3d46ffd4e54e92c393a2830297365713d32382c31343a28302968"
                  + "673d36623035646464622c31343a28302974733d36623035646466352c33323a"
                  + "2830296c643d312e393320312e313020302e343920342f313339203230323030"
                  + "2c383a28302974746c3d332c35303a283029617574683d312039623731616466"
                  + "3837303362316332326337393463633531353334376262656231613732313863"
                  + "372c2525250a34323a3120336636303764386330653133663364386137346233"
                  + "343639393432306637373634636661633130632c");

  /** PROTOCOL.md section 2.2's serial frame; it verifies with {@link #KEY} (sha1, index 1). */
  static final byte[] SERIAL_FRAME =
      (">>>\nt=status\nst=init\ndt=1b58\nprotocol=1\nsrc=n2\n"
              + "(1)srcuuid=yYcBO5bKT82Src6wgTxBBg==\nseq=1\nhg=6b05e635\nts=6b05e634\n"
              + "ld=4.07 4.21 3.55 2/133 3441\nttl=3\n"
              + "auth=1 b2fc0a4eae9ee03247c8235e4723ef2ecc9fbfdc\n<<<\n")
          .getBytes(StandardCharsets.US_ASCII);

  private Samples() {}

  static AuthKeys sha1Keys() {
    return AuthKeys.of(1, Authenticator.sha1(1, KEY));
  }
}
