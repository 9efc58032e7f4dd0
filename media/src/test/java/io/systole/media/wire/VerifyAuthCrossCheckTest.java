package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An independent check of both codecs: messages from our encoders go through verify_auth.py (the
 * script that verified the reference captures, copied unchanged from shared/heartbeat/ into the
 * test resources), netstring datagrams as an Ethernet pcap to UDP port 694 and classic frames as a
 * serial dump. Every outer and inner digest must verify. Needs python3 (run-tests installs it).
 */
class VerifyAuthCrossCheckTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int MESSAGES = 100;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(AuthMethod.class)
  void verifyAuthPyAcceptsWhatWeSign(final AuthMethod method, final TestReporter reporter)
      throws Exception {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    final String key = method.keyed() ? RandomMessages.key(r) : null;
    final int index = r.nextInt(16);
    final AuthKeys keys = AuthKeys.of(index, Authenticator.of(index, method, key));
    final NetstringCodec net = new NetstringCodec(keys);
    final ClassicCodec classic = new ClassicCodec(keys);
    final List<byte[]> datagrams = new ArrayList<>();
    final ByteArrayOutputStream serial = new ByteArrayOutputStream();
    for (int i = 0; i < MESSAGES; i++) {
      final HeartbeatMessage m = RandomMessages.message(r, true);
      datagrams.add(net.encode(m));
      serial.write(classic.encode(m));
    }
    final Path pcap = dir.resolve("wire.pcap");
    Files.write(pcap, pcap(datagrams));
    final Path dump = dir.resolve("serial.log");
    Files.write(dump, serial.toByteArray());

    final String where = "seed " + SEED + ", " + method;
    final String udp = run(method, key, pcap.toString());
    assertTrue(udp.contains("packets: " + MESSAGES + " "), where + "\n" + udp);
    assertTrue(
        udp.contains("outer (netstring trailer) digests: " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + udp);
    assertTrue(
        udp.contains("inner ('auth' field) digests:      " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + udp);
    final String frames = run(method, key, "--serial-log", dump.toString());
    assertTrue(
        frames.contains("serial frames: inner digests " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + frames);
  }

  private static String run(final AuthMethod method, final String key, final String... args)
      throws IOException, InterruptedException, URISyntaxException {
    final Path script =
        Path.of(VerifyAuthCrossCheckTest.class.getResource("verify_auth.py").toURI());
    final List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
    cmd.addAll(List.of("--method", method.wireName()));
    if (key != null) {
      cmd.add("--key=" + key); // "=" form: a key may start with '-'
    }
    cmd.addAll(List.of(args));
    final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** A classic little-endian pcap, Ethernet link type, one IPv4/UDP packet to port 694 each. */
  static byte[] pcap(final List<byte[]> payloads) {
    int size = 24;
    for (final byte[] p : payloads) {
      size += 16 + 42 + p.length;
    }
    final ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1); // snaplen, LINKTYPE_ETHERNET
    int t = 0;
    for (final byte[] p : payloads) {
      b.putInt(1_795_546_468 + t++).putInt(0).putInt(42 + p.length).putInt(42 + p.length);
      b.order(ByteOrder.BIG_ENDIAN);
      b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
      b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + p.length)).putInt(0);
      b.put((byte) 64).put((byte) 17).putShort((short) 0); // ttl, UDP, no checksum
      b.put(new byte[] {10, 77, 1, 1, 10, 77, 1, 2});
      b.putShort((short) 40000).putShort((short) 694).putShort((short) (8 + p.length));
      b.putShort((short) 0).put(p);
      b.order(ByteOrder.LITTLE_ENDIAN);
    }
    return b.array();
  }
}
