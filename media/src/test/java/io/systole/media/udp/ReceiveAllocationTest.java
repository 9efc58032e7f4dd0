package io.systole.media.udp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.systole.media.Allocation;
import io.systole.media.FrameHandler;
import io.systole.media.LinkConfig;
import io.systole.media.LinkListener;
import io.systole.media.LinkState;
import io.systole.media.Media;
import io.systole.media.MediaContext.UdpTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The UDP receive path allocates nothing of its own: per datagram, a link's event-loop thread
 * allocates no more than a bare Netty channel that only releases what it reads (Netty's own
 * DatagramPacket and sender address are all there is).
 */
class ReceiveAllocationTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int WARMUP = 3000;
  private static final int MEASURED = 5000;

  private final AtomicReference<Thread> io = new AtomicReference<>();
  private final AtomicLong count = new AtomicLong();

  @ParameterizedTest
  @EnumSource(names = {"EPOLL", "NIO"})
  void aLinkAllocatesNoMorePerDatagramThanNettyItself(final UdpTransport transport)
      throws Exception {
    final double bare = bareNetty(transport);
    final byte[] slot = new byte[2048];
    final FrameHandler copyOut =
        (link, frame, source) -> {
          io.set(Thread.currentThread());
          frame.get(slot, 0, frame.remaining());
          count.incrementAndGet();
        };
    final int port = Udp.freePort();
    final double link;
    try (Media m =
        Media.start(
            Udp.context(transport),
            List.of(new LinkConfig.Ucast("lo", "127.0.0.1", port, 9)),
            copyOut,
            LinkListener.NONE)) {
      while (m.links().get(0).state() != LinkState.UP) {
        Thread.sleep(5);
      }
      link = perDatagram(port);
    }
    assertTrue(
        link <= bare + 16,
        () -> transport + ": link " + link + " B/datagram, bare Netty " + bare + " B/datagram");
  }

  private double bareNetty(final UdpTransport transport) throws Exception {
    final boolean epoll = transport == UdpTransport.EPOLL;
    final EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      final ChannelFactory<Channel> channels =
          epoll
              ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
              : () -> new NioDatagramChannel(SocketProtocolFamily.INET);
      final Channel ch =
          new Bootstrap()
              .group(group)
              .channelFactory(channels)
              .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
              .handler(
                  new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
                      io.set(Thread.currentThread());
                      count.incrementAndGet();
                      ReferenceCountUtil.release(msg);
                    }
                  })
              .bind(new InetSocketAddress(LOOPBACK, 0))
              .sync()
              .channel();
      final double result = perDatagram(((InetSocketAddress) ch.localAddress()).getPort());
      ch.close().sync();
      return result;
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  /** Sends warm-up then measured 300-byte datagrams to {@code port}; bytes allocated per read. */
  private double perDatagram(final int port) throws Exception {
    try (DatagramSocket raw = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      final DatagramPacket p =
          new DatagramPacket(new byte[300], 300, new InetSocketAddress(LOOPBACK, port));
      send(raw, p, WARMUP);
      final long c0 = count.get();
      final long before = Allocation.allocated(io.get());
      send(raw, p, MEASURED);
      final long received = count.get() - c0;
      final long allocated = Allocation.allocated(io.get()) - before;
      return allocated / (double) received;
    }
  }

  /**
   * Sends {@code n} datagrams in windows of 16, each once the previous one was read, so that the
   * socket buffer never overflows (a lost datagram only costs its window 100 ms).
   */
  private void send(final DatagramSocket raw, final DatagramPacket p, final int n)
      throws Exception {
    for (int sent = 0; sent < n; sent += 16) {
      final long target = count.get() + 16;
      for (int i = 0; i < 16; i++) {
        raw.send(p);
      }
      final long deadline = System.nanoTime() + 100_000_000L;
      while (count.get() < target && System.nanoTime() < deadline) {
        Thread.yield();
      }
    }
  }
}
