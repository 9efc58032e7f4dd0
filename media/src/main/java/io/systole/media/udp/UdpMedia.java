package io.systole.media.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.systole.media.AbstractLink;
import io.systole.media.FrameHandler;
import io.systole.media.LinkConfig;
import io.systole.media.LinkListener;
import io.systole.media.MediaContext;
import io.systole.media.MediaContext.UdpTransport;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of the media: one Netty event-loop group (native epoll on Linux when available, NIO
 * otherwise) whose threads read every UDP link, and one retry thread that binds, checks and
 * re-binds them. Made by {@link io.systole.media.Media}; one per node.
 */
public final class UdpMedia implements AutoCloseable {
  private final MediaContext context;
  private final boolean epoll;
  private final EventLoopGroup group;
  private final ScheduledThreadPoolExecutor retry;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final Map<InetSocketAddress, UcastSocket> ucast = new HashMap<>();

  private UdpMedia(final MediaContext context, final boolean epoll) {
    this.context = context;
    this.epoll = epoll;
    final String prefix = context.threadNamePrefix() + "-udp";
    final ThreadFactory named = new DefaultThreadFactory(prefix, true);
    this.group =
        new MultiThreadIoEventLoopGroup(
            context.udpThreads(),
            r -> {
              final Thread t = named.newThread(r);
              threads.add(t);
              return t;
            },
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.retry =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              final Thread t = new Thread(r, prefix + "-retry");
              t.setDaemon(true);
              threads.add(t);
              return t;
            });
    this.retry.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts the event loops and the retry thread for {@code context}.
   *
   * @throws IllegalStateException if epoll is required but unavailable
   */
  public static UdpMedia start(final MediaContext context) {
    final boolean epoll =
        switch (context.udpTransport()) {
          case AUTO -> Epoll.isAvailable();
          case NIO -> false;
          case EPOLL -> {
            if (!Epoll.isAvailable()) {
              throw new IllegalStateException(
                  "native epoll transport unavailable", Epoll.unavailabilityCause());
            }
            yield true;
          }
        };
    return new UdpMedia(context, epoll);
  }

  /** The transport in use: {@link UdpTransport#EPOLL} or {@link UdpTransport#NIO}. */
  public UdpTransport transport() {
    return epoll ? UdpTransport.EPOLL : UdpTransport.NIO;
  }

  /** A new, not yet started link for UDP medium {@code config}. */
  public AbstractLink newLink(
      final int id,
      final LinkConfig config,
      final FrameHandler handler,
      final LinkListener listener) {
    if (config instanceof LinkConfig.Serial) {
      throw new IllegalArgumentException("not a UDP medium: " + config.name());
    }
    return new UdpLink(id, config, context, handler, listener, this);
  }

  /**
   * The shared receive socket of ucast links bound at {@code local}, with {@code link} added to it;
   * bound now (on {@code link}'s event loop) if there is none.
   */
  synchronized UcastSocket joinUcast(final UdpLink link, final InetSocketAddress local)
      throws UdpLink.Refused {
    UcastSocket s = ucast.get(local);
    if (s == null || !s.open()) {
      s = new UcastSocket(local);
      s.channel(link.bind(link.receiver(false, s), local));
      ucast.put(local, s);
    }
    s.add(link);
    return s;
  }

  /** Takes {@code link} off {@code s}, closing the socket when no link is left on it. */
  synchronized void leaveUcast(final UdpLink link, final UcastSocket s) {
    if (s.remove(link)) {
      ucast.remove(s.local(), s);
      s.channel().close().awaitUninterruptibly(5000);
    }
  }

  EventLoop nextLoop() {
    return group.next();
  }

  ScheduledExecutorService retry() {
    return retry;
  }

  ChannelFactory<Channel> channelFactory() {
    return epoll
        ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
        : () -> new NioDatagramChannel(SocketProtocolFamily.INET);
  }

  boolean epoll() {
    return epoll;
  }

  /**
   * The option that makes our multicast datagrams loop back to this host ({@code loop}) or not.
   * Netty's {@code IP_MULTICAST_LOOP_DISABLED} is right on epoll but inverted on NIO (it passes the
   * value straight to {@code IP_MULTICAST_LOOP}), so NIO gets the JDK option directly.
   */
  void multicastLoop(final io.netty.bootstrap.Bootstrap b, final boolean loop) {
    if (epoll) {
      b.option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, !loop);
    } else {
      b.option(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), loop);
    }
  }

  /** Stops the retry thread and the event loops (links must be closed first); waits for them. */
  @Override
  public void close() {
    retry.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    try {
      retry.awaitTermination(5, TimeUnit.SECONDS);
      group.terminationFuture().await(5, TimeUnit.SECONDS);
      for (final Thread t : threads) {
        t.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
