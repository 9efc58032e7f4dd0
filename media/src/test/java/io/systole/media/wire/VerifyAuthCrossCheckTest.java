package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.Samples.Capture;
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
 * serial dump. Every outer and inner digest must verify. The md5 and crc captures ({@link Capture})
 * go through it too, with the right key and a wrong one. Needs python3 (run-tests installs it).
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
    final String udp = run(0, method, key, pcap.toString());
    assertTrue(udp.contains("packets: " + MESSAGES + " "), where + "\n" + udp);
    assertTrue(
        udp.contains("outer (netstring trailer) digests: " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + udp);
    assertTrue(
        udp.contains("inner ('auth' field) digests:      " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + udp);
    final String frames = run(0, method, key, "--serial-log", dump.toString());
    assertTrue(
        frames.contains("serial frames: inner digests " + MESSAGES + " ok, 0 mismatched"),
        where + "\n" + frames);
  }

  /**
   * verify_auth.py recomputes every digest of the captured md5 and crc messages as they are stored
   * in the test resources, and none under a wrong key (md5: another key; crc: md5).
   */
  @ParameterizedTest
  @EnumSource(Capture.class)
  void verifyAuthPyAgreesOnTheCaptures(final Capture c) throws Exception {
    final List<byte[]> messages = c.messages();
    final Path file = dir.resolve(c.classic() ? "serial.log" : "wire.pcap");
    if (c.classic()) {
      final ByteArrayOutputStream serial = new ByteArrayOutputStream();
      for (final byte[] m : messages) {
        serial.write(m);
      }
      Files.write(file, serial.toByteArray());
    } else {
      Files.write(file, pcap(messages));
    }
    final String[] args =
        c.classic()
            ? new String[] {"--serial-log", file.toString()}
            : new String[] {file.toString()};
    final int n = messages.size();
    final String key = c.method().keyed() ? Samples.MD5_KEY : null;
    final String right = run(0, c.method(), key, args);
    final String wrong =
        run(1, AuthMethod.MD5, c.method().keyed() ? Samples.MD5_KEY + "x" : Samples.MD5_KEY, args);
    if (c.classic()) {
      assertTrue(right.contains("serial frames: inner digests " + n + " ok, 0 mismatched"), right);
      assertTrue(wrong.contains("serial frames: inner digests 0 ok, " + n + " mismatched"), wrong);
    } else {
      assertTrue(right.contains("packets: " + n + " "), right);
      assertTrue(right.contains("outer (netstring trailer) digests: " + n + " ok, 0"), right);
      assertTrue(right.contains("inner ('auth' field) digests:      " + n + " ok, 0"), right);
      assertTrue(wrong.contains("outer (netstring trailer) digests: 0 ok, " + n), wrong);
      assertTrue(wrong.contains("inner ('auth' field) digests:      0 ok, " + n), wrong);
    }
  }

  /** Runs verify_auth.py, which must exit with {@code status}, and returns what it printed. */
  private static String run(
      final int status, final AuthMethod method, final String key, final String... args)
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
    assertEquals(status, p.waitFor(), out);
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
