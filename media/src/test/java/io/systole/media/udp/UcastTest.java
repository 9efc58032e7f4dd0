package io.systole.media.udp;

import static io.systole.media.udp.Udp.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.systole.media.DropReason;
import io.systole.media.FrameHandler;
import io.systole.media.FrameRecorder;
import io.systole.media.FrameRecorder.Frame;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.LinkFailure;
import io.systole.media.LinkStats;
import io.systole.media.Media;
import io.systole.media.MediaContext.UdpTransport;
import io.systole.media.TestNetwork;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unicast between two nodes' links on the loopback interface, for real. */
class UcastTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void framesFlowBothWaysBetweenTwoUcastLinks(final UdpTransport transport) {
    final int pa = Udp.freePort();
    final int pb = Udp.freePort();
    try (Udp a = Udp.start(transport, new LinkConfig.Ucast("lo", "127.0.0.1", pa, pb));
        Udp b = Udp.start(transport, new LinkConfig.Ucast("lo", "127.0.0.1", pb, pa))) {
      assertEquals(transport, a.media.udpTransport());
      final Link la = a.up();
      final Link lb = b.up();
      assertEquals("ucast lo 127.0.0.1", la.name());

      assertTrue(la.send(ascii("from a")));
      final Frame atB = b.recorder.next();
      assertEquals("from a", atB.text());
      assertEquals(lb, atB.link());
      assertEquals(new InetSocketAddress(LOOPBACK, pa), atB.source());
      assertTrue(atB.readOnly(), "the handler gets a read-only view");

      assertTrue(lb.send(ascii("from b")));
      final Frame atA = a.recorder.next();
      assertEquals("from b", atA.text());
      assertEquals(new InetSocketAddress(LOOPBACK, pb), atA.source());

      final LinkStats sa = la.stats();
      assertEquals(1, sa.framesOut());
      assertEquals(6, sa.bytesOut());
      assertEquals(1, sa.framesIn());
      assertEquals(1, sa.attempts());
      assertEquals(0, sa.totalDrops());
    }
  }

  @Test
  void ucastLinesOnOneInterfaceShareItsPortAndEachFrameGoesToTheLinkOfItsSender() throws Exception {
    final int port = Udp.freePort();
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0));
        Udp node =
            Udp.start(
                UdpTransport.AUTO,
                new LinkConfig.Ucast("lo", "127.0.0.1", port),
                new LinkConfig.Ucast("lo", "127.0.0.2", port, peer.getLocalPort()))) {
      final Link self = node.media.links().get(0);
      final Link toPeer = node.media.links().get(1);
      node.recorder.awaitUp(self);
      node.recorder.awaitUp(toPeer);
      final InetSocketAddress us = new InetSocketAddress(LOOPBACK, port);

      // The line naming this node: it hears itself, as Heartbeat does.
      assertTrue(self.send(ascii("to myself")));
      final Frame mine = node.recorder.next();
      assertEquals(self, mine.link());
      assertEquals(us, mine.source());

      // Frames from the peer arrive on the peer's link; ours reach it from the shared port.
      peer.send(new DatagramPacket(new byte[] {'p'}, 1, us));
      assertEquals(toPeer, node.recorder.next().link());
      assertTrue(toPeer.send(ascii("to the peer")));
      final DatagramPacket got = new DatagramPacket(new byte[64], 64);
      peer.setSoTimeout((int) FrameRecorder.WAIT_MS);
      peer.receive(got);
      assertEquals(us, got.getSocketAddress());

      // Anyone else's frames go to the first line: the signature decides, not the source.
      stranger.send(new DatagramPacket(new byte[] {'s'}, 1, us));
      assertEquals(self, node.recorder.next().link());
    }
  }

  @Test
  void twoNodesOnOneLoopbackBindTheirOwnAddressesAtTheSamePort() throws Exception {
    final int port = Udp.freePort();
    final InetAddress two = InetAddress.getByName("127.0.0.2");
    final InetAddress three = InetAddress.getByName("127.0.0.3");
    try (Udp a =
            Udp.start(
                UdpTransport.AUTO,
                new LinkConfig.Ucast("lo", "127.0.0.3", port, port, "127.0.0.2"));
        Udp b =
            Udp.start(
                UdpTransport.AUTO,
                new LinkConfig.Ucast("lo", "127.0.0.2", port, port, "127.0.0.3"))) {
      final Link la = a.up();
      final Link lb = b.up();
      assertTrue(la.send(ascii("from 2")));
      final Frame atB = b.recorder.next();
      assertEquals("from 2", atB.text());
      assertEquals(lb, atB.link());
      assertEquals(new InetSocketAddress(two, port), atB.source());
      assertTrue(lb.send(ascii("from 3")));
      final Frame atA = a.recorder.next();
      assertEquals("from 3", atA.text());
      assertEquals(new InetSocketAddress(three, port), atA.source());
    }
  }

  @Test
  void aBindAddressThatIsNotOnTheInterfaceIsRefusedWithTheDeviceAndWhy() {
    try (Udp a =
        Udp.start(
            UdpTransport.AUTO,
            new LinkConfig.Ucast("lo", "127.0.0.1", Udp.freePort(), 9, "192.0.2.7"))) {
      final LinkFailure failure = a.recorder.awaitFailure(a.media.links().get(0));
      assertEquals("lo", failure.device());
      assertEquals(LinkFailure.Kind.NO_ADDRESS, failure.kind());
      assertEquals("the ucast bind address 192.0.2.7 is not on lo", failure.detail());
    }
  }

  @Test
  void ucastCrossesTheWireToAndFromAnotherHost() throws Exception {
    final int port = Udp.freePort();
    try (TestNetwork net = TestNetwork.up();
        Udp a =
            Udp.start(
                UdpTransport.AUTO, new LinkConfig.Ucast(net.device(), net.farAddress(), port))) {
      final Link la = a.up();
      final Process far = net.receiveOnFarHost(port, null);
      assertEquals(
          "unicast on the wire",
          TestNetwork.untilReceived(far, () -> la.send(ascii("unicast on the wire"))));
      net.sendFromFarHost(net.address(), port, "unicast from the other host");
      final Frame f = a.recorder.next();
      assertEquals("unicast from the other host", f.text());
      assertEquals(la, f.link());
      assertEquals(
          net.farAddress(), ((InetSocketAddress) f.source()).getAddress().getHostAddress());
    }
  }

  @Test
  void nativeEpollIsChosenOnLinuxAndItsThreadsAreNamed() {
    try (Udp a =
        Udp.start(UdpTransport.AUTO, new LinkConfig.Ucast("lo", "127.0.0.1", Udp.freePort()))) {
      a.up();
      assertTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
      assertEquals(UdpTransport.EPOLL, a.media.udpTransport());
      final Set<String> names =
          Thread.getAllStackTraces().keySet().stream()
              .map(Thread::getName)
              .filter(n -> n.startsWith(a.threads))
              .collect(Collectors.toSet());
      assertTrue(names.contains(a.threads + "-udp-retry"), names::toString);
      assertTrue(names.stream().anyMatch(n -> n.startsWith(a.threads + "-udp-")), names::toString);
    }
  }

  @Test
  void sendCopiesTheFrameAndLeavesTheCallersPositionAlone() {
    final int pa = Udp.freePort();
    final int pb = Udp.freePort();
    try (Udp a = Udp.start(UdpTransport.AUTO, new LinkConfig.Ucast("lo", "127.0.0.1", pa, pb));
        Udp b = Udp.start(UdpTransport.AUTO, new LinkConfig.Ucast("lo", "127.0.0.1", pb, pa))) {
      final Link la = a.up();
      b.up();
      final ByteBuffer buf = ByteBuffer.wrap("xxxpayloadyyy".getBytes(StandardCharsets.US_ASCII));
      buf.position(3).limit(10);
      assertTrue(la.send(buf));
      assertEquals(3, buf.position());
      assertEquals(10, buf.limit());
      buf.put(3, (byte) 'P'); // reusing the buffer at once must not change what was sent
      assertEquals("payload", b.recorder.next().text());
    }
  }

  @Test
  void datagramsLongerThanTheMaximumOrEmptyAreDroppedAndCounted() throws Exception {
    final int pb = Udp.freePort();
    try (Udp b =
            Udp.start(
                Udp.context(UdpTransport.AUTO).maxFrameBytes(64),
                new LinkConfig.Ucast("lo", "127.0.0.1", pb, 9));
        DatagramSocket raw = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      final Link lb = b.up();
      final InetSocketAddress to = new InetSocketAddress(LOOPBACK, pb);
      raw.send(new DatagramPacket(new byte[65], 65, to));
      raw.send(new DatagramPacket(new byte[0], 0, to));
      raw.send(new DatagramPacket("last".getBytes(StandardCharsets.US_ASCII), 4, to));
      assertEquals("last", b.recorder.next().text());
      final LinkStats s = lb.stats();
      assertEquals(1, s.drops(DropReason.OVERSIZED));
      assertEquals(1, s.drops(DropReason.MALFORMED));
      assertEquals(1, s.framesIn());

      assertFalse(lb.send(ByteBuffer.allocate(65)), "a frame over the maximum is not sent");
      assertEquals(1, lb.stats().drops(DropReason.SEND_OVERSIZED));
    }
  }

  @Test
  void aHandlerThatThrowsLosesOnlyThatFrame() throws Exception {
    final int pb = Udp.freePort();
    final BlockingQueue<String> got = new LinkedBlockingQueue<>();
    final FrameRecorder status = new FrameRecorder();
    final FrameHandler handler =
        (link, frame, source) -> {
          final byte[] copy = new byte[frame.remaining()];
          frame.get(copy);
          final String s = new String(copy, StandardCharsets.US_ASCII);
          if (s.equals("boom")) {
            throw new IllegalStateException("handler bug");
          }
          got.add(s);
        };
    try (Media b =
            Media.start(
                Udp.context(UdpTransport.AUTO),
                List.of(new LinkConfig.Ucast("lo", "127.0.0.1", pb, 9)),
                handler,
                status);
        DatagramSocket raw = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      final Link lb = b.links().get(0);
      status.awaitUp(lb);
      final InetSocketAddress to = new InetSocketAddress(LOOPBACK, pb);
      raw.send(new DatagramPacket("boom".getBytes(StandardCharsets.US_ASCII), 4, to));
      raw.send(new DatagramPacket("fine".getBytes(StandardCharsets.US_ASCII), 4, to));
      assertEquals("fine", got.poll(FrameRecorder.WAIT_MS, TimeUnit.MILLISECONDS));
      assertEquals(1, lb.stats().drops(DropReason.HANDLER_ERROR));
      assertEquals(2, lb.stats().framesIn());
    }
  }
}
