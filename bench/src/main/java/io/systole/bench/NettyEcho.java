package io.systole.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The baseline server of {@link RingRoundTrip}: one Netty UDP socket on one event loop, set up as
 * Systole's ucast socket is (native epoll when available, else NIO; a fixed 64 KiB receive buffer),
 * that answers every datagram, on the event loop that read it, with a fixed reply sent the way
 * Systole's links send (a new direct buffer from the channel's allocator, then {@code
 * writeAndFlush}). What it leaves out is everything Systole does between receiving and sending.
 */
final class NettyEcho implements AutoCloseable {
  /** The prefix of the event loop's thread name. */
  static final String THREAD_PREFIX = "echo-udp";

  private static final int RECEIVE_BUFFER = 65_536;

  private final EventLoopGroup group;
  private final Channel channel;

  private NettyEcho(final EventLoopGroup group, final Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** A server bound at {@code at}, answering each datagram with {@code reply}. */
  static NettyEcho start(final InetSocketAddress at, final byte[] reply) {
    final boolean epoll = Epoll.isAvailable();
    final EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory(THREAD_PREFIX, true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    final Bootstrap b =
        new Bootstrap()
            .group(group)
            .channelFactory(
                epoll
                    ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
                    : () -> new NioDatagramChannel(SocketProtocolFamily.INET))
            .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
            .handler(new Answer(reply));
    try {
      return new NettyEcho(group, b.bind(at).syncUninterruptibly().channel());
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw e;
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Answers each datagram with the reply, to its sender. */
  private static final class Answer extends ChannelInboundHandlerAdapter {
    private final byte[] reply;

    Answer(final byte[] reply) {
      this.reply = reply.clone();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
      try {
        if (msg instanceof DatagramPacket p) {
          final ByteBuf out = ctx.alloc().directBuffer(reply.length);
          out.writeBytes(reply);
          ctx.writeAndFlush(new DatagramPacket(out, p.sender()));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }
}
