package io.systole.media.udp;

import static io.systole.media.udp.Udp.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.FrameRecorder.Frame;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.MediaContext.UdpTransport;
import io.systole.media.TestNetwork;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Broadcast on a throw-away veth whose far end sits in a namespace of its own. */
class BcastTest {
  private static TestNetwork net;

  @BeforeAll
  static void network() {
    net = TestNetwork.up();
  }

  @AfterAll
  static void removeNetwork() {
    net.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void bcastReachesEveryLinkOnTheInterfaceIncludingTheSender(final UdpTransport transport) {
    final int port = Udp.freePort();
    try (Udp a = Udp.start(transport, new LinkConfig.Bcast(net.device(), port));
        Udp b = Udp.start(transport, new LinkConfig.Bcast(net.device(), port))) {
      final Link la = a.up();
      b.up();
      assertEquals("bcast " + net.device(), la.name());
      assertTrue(la.send(ascii("broadcast from a")));
      final Frame f = b.recorder.next();
      assertEquals("broadcast from a", f.text());
      assertEquals(net.address(), ((InetSocketAddress) f.source()).getAddress().getHostAddress());
      // The sender hears itself too, as with Heartbeat; the engine drops its own by src.
      assertEquals("broadcast from a", a.recorder.next().text());
    }
  }

  @Test
  void bcastAndUcastShareAnInterfaceAndPort() {
    final int port = Udp.freePort();
    try (Udp node =
        Udp.start(
            UdpTransport.AUTO,
            new LinkConfig.Bcast(net.device(), port),
            new LinkConfig.Ucast(net.device(), net.address(), port))) {
      final Link bcast = node.media.links().get(0);
      final Link ucast = node.media.links().get(1);
      node.recorder.awaitUp(bcast);
      node.recorder.awaitUp(ucast);
      assertTrue(ucast.send(ascii("unicast to ourselves")));
      final Frame f = node.recorder.next();
      assertEquals(ucast, f.link(), "a unicast datagram reaches only the ucast link");
      assertTrue(bcast.send(ascii("broadcast")));
      assertEquals(bcast, node.recorder.next().link(), "a broadcast reaches only the bcast link");
      node.recorder.assertQuiet(100);
    }
  }

  @Test
  void bcastCrossesTheWireToAndFromAnotherHost() throws Exception {
    final int port = Udp.freePort();
    try (Udp a = Udp.start(UdpTransport.AUTO, new LinkConfig.Bcast(net.device(), port))) {
      final Link la = a.up();
      final Process far = net.receiveOnFarHost(port, null);
      assertEquals(
          "heartbeat on the wire",
          TestNetwork.untilReceived(far, () -> la.send(ascii("heartbeat on the wire"))));
      net.sendFromFarHost(net.broadcast(), port, "broadcast from the other host");
      final Frame f = a.recorder.next("other host");
      assertEquals(
          net.farAddress(), ((InetSocketAddress) f.source()).getAddress().getHostAddress());
    }
  }
}
