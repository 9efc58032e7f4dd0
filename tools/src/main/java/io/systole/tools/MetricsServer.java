package io.systole.tools;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The opt-in Prometheus endpoint ({@code systole_metrics ADDRESS:PORT}): an HTTP server on one
 * event-loop thread of its own, {@code systole-metrics}, so that a slow or hostile scraper can
 * delay nothing but other scrapes. NIO rather than epoll: a scrape every few seconds gains nothing
 * from the native transport. Each {@code GET /metrics} renders the page afresh from {@code page},
 * which reads published snapshots only. Closing it frees the port and ends the thread.
 */
final class MetricsServer implements AutoCloseable {
  /** The name of the server's one thread, as {@code top -H} and thread dumps show it. */
  static final String THREAD = "systole-metrics";

  /** A GET carries no body; anything longer is refused before it is buffered. */
  private static final int MAX_REQUEST_BYTES = 8192;

  private final EventLoopGroup group;
  private final Thread thread;
  private final Channel channel;

  private MetricsServer(final EventLoopGroup group, final Thread thread, final Channel channel) {
    this.group = group;
    this.thread = thread;
    this.channel = channel;
  }

  /**
   * Listens on {@code at} and serves {@code page}.
   *
   * @throws IOException naming the address when it cannot be bound (in use, not this host's)
   */
  static MetricsServer start(final InetSocketAddress at, final Supplier<String> page)
      throws IOException {
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1,
            r -> {
              final Thread t = new Thread(r, THREAD);
              t.setDaemon(true);
              thread.set(t);
              return t;
            },
            NioIoHandler.newFactory());
    try {
      final Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                          .addLast(new MetricsHandler(page));
                    }
                  })
              .bind(at)
              .sync()
              .channel();
      return new MetricsServer(group, thread.get(), channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(group, thread.get());
      throw new IOException("systole_metrics " + address(at) + ": interrupted while binding", e);
    } catch (Exception e) { // bind() throws BindException unchecked, as Netty does
      stop(group, thread.get());
      throw new IOException(
          "systole_metrics "
              + address(at)
              + ": cannot listen there ("
              + e.getMessage()
              + "); pick a free port on an address of this host",
          e);
    }
  }

  /** Where it listens: the port is the one bound, also when asked for port 0. */
  InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** The page's address, for the operator: {@code http://127.0.0.1:9464/metrics}. */
  String url() {
    return "http://" + address(address()) + "/metrics";
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    stop(group, thread);
  }

  private static void stop(final EventLoopGroup group, final Thread thread) {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String address(final InetSocketAddress at) {
    // the address as ha.cf gave it, not a name the resolver may have attached to it
    final String host =
        at.getAddress() == null ? at.getHostString() : at.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + at.getPort();
  }
}
