package io.systole.media.wire;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Captured Heartbeat 3.0.6 messages with known digests: sha1 (verify_auth.py's selftest data and
 * PROTOCOL.md's serial frame) here, md5 and crc in the test resources ({@link Capture}).
 */
final class Samples {
  /** The key of the reference captures. */
  static final String KEY = "hbA-harness-shared-key";

  /** The md5 key of the md5 captures ({@code captured/capture.sh}). */
  static final String MD5_KEY = "systole-capture-md5-secret";

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

  /**
   * Everything the real Heartbeat 3.0.6 sent in one 12 s run as node n1, with authkeys {@code 1 md5
   * systole-capture-md5-secret} or {@code 1 crc}, on UDP (ucast, netstring framing) and on a serial
   * line (classic framing): {@code captured/<method>-<udp|serial>.hex} in the test resources, one
   * message per line as hex, {@code #} lines say how they were captured ({@code
   * captured/capture.sh}, the procedure).
   */
  enum Capture {
    /** md5, UDP datagrams. */
    MD5_UDP(AuthMethod.MD5, false, 20),
    /** md5, serial frames. */
    MD5_SERIAL(AuthMethod.MD5, true, 23),
    /** crc, UDP datagrams. */
    CRC_UDP(AuthMethod.CRC, false, 20),
    /** crc, serial frames. */
    CRC_SERIAL(AuthMethod.CRC, true, 23);

    private final AuthMethod method;
    private final boolean classic;
    private final int count;

    Capture(final AuthMethod method, final boolean classic, final int count) {
      this.method = method;
      this.classic = classic;
      this.count = count;
    }

    /** The auth method of the run. */
    AuthMethod method() {
      return method;
    }

    /** Serial frames (classic framing) rather than UDP datagrams (netstring framing). */
    boolean classic() {
      return classic;
    }

    /** How many messages the resource holds. */
    int count() {
      return count;
    }

    /** The authenticator of the run's authkeys: index 1, the md5 key or crc. */
    Authenticator authenticator() {
      return Authenticator.of(1, method, method.keyed() ? MD5_KEY : null);
    }

    /** The run's authkeys. */
    AuthKeys keys() {
      return AuthKeys.of(1, authenticator());
    }

    /** The resource's name. */
    String resource() {
      return "captured/" + method.wireName() + (classic ? "-serial" : "-udp") + ".hex";
    }

    /** The captured messages, in the order they were sent (serial) or received (UDP). */
    List<byte[]> messages() {
      try (InputStream in = Samples.class.getResourceAsStream(resource())) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + resource());
        }
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .map(l -> HexFormat.of().parseHex(l.strip()))
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The first captured message whose text contains {@code marker} (e.g. a field). */
    byte[] first(final String marker) {
      for (final byte[] m : messages()) {
        if (new String(m, StandardCharsets.ISO_8859_1).contains(marker)) {
          return m;
        }
      }
      throw new IllegalArgumentException(this + " has no message with " + marker);
    }
  }
}
