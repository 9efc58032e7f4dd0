package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.journal.memory.MemoryJournal;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.NodeNames;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node on loopback verifies a flood of signed heartbeats while it signs its own: its verify
 * and send threads (and serial forwarders) must each own their authenticators, since a digest
 * shared by two threads corrupts both: good heartbeats dropped as bad, or sent with a bad digest.
 * One set shared by both stages did exactly that (found by the RingRoundTrip benchmark).
 */
class WireThreadsKeysTest {
  private static final String KEY = "wire-threads-key";

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void verifyingAFloodWhileSigningCorruptsNeitherSide() throws Exception {
    try (DatagramChannel peer = DatagramChannel.open(StandardProtocolFamily.INET)) {
      peer.bind(new InetSocketAddress("127.0.0.1", 0));
      final int port = ((InetSocketAddress) peer.getLocalAddress()).getPort();
      final ConfigResult config = config(port);
      final NodeRuntime node =
          NodeRuntime.start(
              config.config(),
              NodeOptions.defaults(config.config().haCf().deadtimeMs(), "test"),
              new MemoryJournal("sy"),
              System.currentTimeMillis() / 1000);
      try {
        final AuthKeys keys = AuthKeys.of(1, Authenticator.sha1(1, KEY));
        final NetstringCodec codec = new NetstringCodec(keys);
        final HeartbeatView view = new HeartbeatView(keys, NodeNames.of("sy", "peer"));
        final InetSocketAddress to = new InetSocketAddress("127.0.0.2", port);
        peer.configureBlocking(false);
        final ByteBuffer in = ByteBuffer.allocate(65536);
        int good = 0;
        int bad = 0;
        final long end = System.nanoTime() + 3_000_000_000L;
        for (long seq = 1; System.nanoTime() < end; seq++) {
          peer.send(ByteBuffer.wrap(codec.encode(status(seq))), to);
          in.clear();
          if (peer.receive(in) != null) {
            in.flip();
            if (view.wrapNetstring(in)) {
              good++;
            } else {
              bad++;
            }
          }
        }
        final Map<Drop, Long> drops = node.drops().snapshot();
        assertEquals(0L, drops.getOrDefault(Drop.BAD_AUTH, 0L), "the node dropped good ones");
        assertEquals(0, bad, "the node sent " + bad + " messages the peer could not verify");
        assertTrue(good > 100, "the node's heartbeats arrived: " + good);
      } finally {
        node.close();
      }
    }
  }

  private static HeartbeatMessage status(final long seq) {
    return HeartbeatMessage.builder()
        .add("t", "status")
        .add("st", "active")
        .add("dt", "ea60")
        .add("protocol", "1")
        .add("src", "peer")
        .add("seq", Long.toHexString(seq))
        .add("hg", "1")
        .add("ts", Long.toHexString(System.currentTimeMillis() / 1000))
        .add("ttl", "3")
        .build();
  }

  /** Node sy on 127.0.0.2, the test's peer on 127.0.0.1, heartbeats every 5 ms, sha1. */
  private ConfigResult config(final int port) throws Exception {
    final Path etc = Files.createDirectories(dir.resolve("ha.d"));
    Files.writeString(
        etc.resolve("ha.cf"),
        String.join(
            "\n",
            "node sy",
            "node peer",
            "udpport " + port,
            "ucast lo 127.0.0.1",
            "systole_ucast_bind 127.0.0.2",
            "keepalive 5ms",
            "warntime 30",
            "deadtime 60",
            "initdead 60",
            "auto_failback off",
            ""));
    Files.writeString(etc.resolve("haresources"), "");
    final Path authkeys = etc.resolve("authkeys");
    Files.writeString(authkeys, "auth 1\n1 sha1 " + KEY + "\n");
    Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString("rw-------"));
    final ConfigResult result =
        ConfigLoader.load(etc, ConfigLoader.Options.forNode("sy").onNode(true));
    assertTrue(result.ok(), result.toString());
    return result;
  }
}
