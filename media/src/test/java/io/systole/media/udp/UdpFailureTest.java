package io.systole.media.udp;

import static io.systole.media.udp.Udp.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.DropReason;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.LinkFailure;
import io.systole.media.LinkFailure.Kind;
import io.systole.media.LinkState;
import io.systole.media.MediaContext.UdpTransport;
import io.systole.media.TestNetwork;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A medium that cannot run is reported with its device and reason and retried, while the node's
 * other media carry on.
 */
class UdpFailureTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void portInUseIsReportedAndRetriedUntilFreeWhileOtherMediaRun(final UdpTransport transport)
      throws Exception {
    final int busy = Udp.freePort();
    final int other = Udp.freePort();
    final DatagramSocket holder = new DatagramSocket(new InetSocketAddress(LOOPBACK, busy));
    try (DatagramSocket peer =
            new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        Udp node =
            Udp.start(
                transport,
                new LinkConfig.Ucast("lo", "127.0.0.1", busy, 9),
                new LinkConfig.Ucast("lo", "127.0.0.2", other, peer.getLocalPort()))) {
      final Link blocked = node.media.links().get(0);
      final Link working = node.media.links().get(1);

      final LinkFailure failure = node.recorder.awaitFailure(blocked);
      assertEquals("lo", failure.device());
      assertEquals(Kind.PORT_IN_USE, failure.kind());
      assertTrue(failure.detail().contains("127.0.0.1:" + busy), failure::detail);
      assertTrue(failure.toString().startsWith("medium failed: lo: "), failure::toString);
      assertEquals(LinkState.FAILED, blocked.state());
      assertFalse(blocked.send(ascii("lost")), "a failed link sends nothing");
      assertEquals(1, blocked.stats().drops(DropReason.SEND_LINK_DOWN));

      // The other medium is unaffected: it comes up and carries frames both ways.
      node.recorder.awaitUp(working);
      assertTrue(working.send(ascii("still here")));
      final DatagramPacket got = new DatagramPacket(new byte[64], 64);
      peer.setSoTimeout(5000);
      peer.receive(got);
      assertEquals(
          "still here", new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
      peer.send(
          new DatagramPacket(new byte[] {'h', 'i'}, 2, new InetSocketAddress(LOOPBACK, other)));
      assertEquals("hi", node.recorder.next().text());

      // Retries fail the same way without new reports, until the port is free.
      while (blocked.stats().attempts() < 3) {
        Thread.sleep(20);
      }
      holder.close();
      node.recorder.awaitUp(blocked);
      assertNull(blocked.failure());
      final long failures =
          node.recorder.history().stream()
              .filter(e -> e.link() == blocked && e.failure() != null)
              .count();
      assertEquals(1, failures, "one report for one failure, however many retries");
    } finally {
      holder.close();
    }
  }

  @Test
  void missingInterfaceIsReportedAndTheLinkComesUpWhenItAppearsOrReturns() throws Exception {
    final int port = Udp.freePort();
    try (TestNetwork net = TestNetwork.reserve();
        Udp node =
            Udp.start(
                UdpTransport.AUTO, new LinkConfig.Ucast(net.device(), "10.255.255.254", port))) {
      final Link link = node.media.links().get(0);
      final LinkFailure missing = node.recorder.awaitFailure(link);
      assertEquals(
          new LinkFailure(net.device(), Kind.NO_SUCH_DEVICE, "no such interface"), missing);

      net.create();
      node.recorder.awaitUp(link);
      assertTrue(link.stats().attempts() >= 2);
      assertReceives(node, net, port, "after it appeared");

      net.setDown();
      assertEquals(Kind.DEVICE_DOWN, node.recorder.awaitFailure(link).kind());
      net.setUp();
      node.recorder.awaitUp(link);

      net.removeInterface();
      final LinkFailure gone = node.recorder.awaitFailure(link);
      assertEquals(net.device(), gone.device());
      assertEquals(Kind.NO_SUCH_DEVICE, gone.kind());
      net.create();
      node.recorder.awaitUp(link);
      assertReceives(node, net, port, "after it came back");
    }
  }

  @Test
  void bcastOnAnInterfaceWithoutBroadcastAddressIsReported() {
    try (Udp node = Udp.start(UdpTransport.AUTO, new LinkConfig.Bcast("lo", Udp.freePort()))) {
      final LinkFailure f = node.recorder.awaitFailure(node.media.links().get(0));
      assertEquals(
          new LinkFailure("lo", Kind.NO_ADDRESS, "no broadcast address on the interface"), f);
    }
  }

  private static void assertReceives(
      final Udp node, final TestNetwork net, final int port, final String text) throws Exception {
    final InetAddress local = InetAddress.getByName(net.address());
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0))) {
      final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      s.send(new DatagramPacket(b, b.length, new InetSocketAddress(local, port)));
      assertEquals(text, node.recorder.next().text());
    }
  }
}
