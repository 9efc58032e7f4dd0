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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Multicast on the loopback interface (which carries multicast on Linux although it lacks the
 * MULTICAST flag) and on a throw-away veth. The loop flag can only be seen on the veth: loopback
 * hands every datagram it sends straight back in, looped or not.
 */
class McastTest {
  private static TestNetwork net;

  @BeforeAll
  static void network() {
    net = TestNetwork.up();
  }

  @AfterAll
  static void removeNetwork() {
    net.close();
  }

  private static String group() {
    final ThreadLocalRandom r = ThreadLocalRandom.current();
    return "239.192." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void mcastOnLoopbackCarriesFramesBetweenTwoNodes(final UdpTransport transport) {
    final String group = group();
    final int port = Udp.freePort();
    try (Udp a = Udp.start(transport, new LinkConfig.Mcast("lo", group, port, 1, true));
        Udp b = Udp.start(transport, new LinkConfig.Mcast("lo", group, port, 1, true))) {
      final Link la = a.up();
      final Link lb = b.up();
      assertEquals("mcast lo " + group, la.name());
      assertTrue(la.send(ascii("to the group from a")));
      final Frame f = b.recorder.next();
      assertEquals("to the group from a", f.text());
      assertEquals("127.0.0.1", ((InetSocketAddress) f.source()).getAddress().getHostAddress());
      assertTrue(lb.send(ascii("to the group from b")));
      assertEquals("to the group from b", a.recorder.next("from b").text());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void loopFlagDecidesWhetherOurOwnMulticastReachesThisHost(final UdpTransport transport) {
    final String group = group();
    final int port = Udp.freePort();
    final String dev = net.device();
    try (Udp receiver = Udp.start(transport, new LinkConfig.Mcast(dev, group, port, 1, true));
        Udp looped = Udp.start(transport, new LinkConfig.Mcast(dev, group, port, 1, true));
        Udp unlooped = Udp.start(transport, new LinkConfig.Mcast(dev, group, port, 1, false))) {
      receiver.up();
      final Link yes = looped.up();
      final Link no = unlooped.up();
      assertTrue(no.send(ascii("sent with loop 0")));
      assertTrue(yes.send(ascii("sent with loop 1")));
      final Frame f = receiver.recorder.next();
      assertEquals("sent with loop 1", f.text());
      assertEquals(net.address(), ((InetSocketAddress) f.source()).getAddress().getHostAddress());
      receiver.recorder.assertQuiet(200);
      assertEquals("sent with loop 1", unlooped.recorder.next().text());
      unlooped.recorder.assertQuiet(0);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void mcastCrossesTheWireToAndFromAnotherHostWithLoopOff(final UdpTransport transport)
      throws Exception {
    final String group = group();
    final int port = Udp.freePort();
    try (Udp a = Udp.start(transport, new LinkConfig.Mcast(net.device(), group, port, 1, false))) {
      final Link la = a.up();
      final Process far = net.receiveOnFarHost(port, group);
      assertEquals(
          "multicast on the wire",
          TestNetwork.untilReceived(far, () -> la.send(ascii("multicast on the wire"))));
      net.sendFromFarHost(group, port, "multicast from the other host");
      final Frame f = a.recorder.next("other host");
      assertEquals(
          net.farAddress(), ((InetSocketAddress) f.source()).getAddress().getHostAddress());
    }
  }
}
