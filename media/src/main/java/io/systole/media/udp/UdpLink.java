package io.systole.media.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.systole.media.AbstractLink;
import io.systole.media.DropReason;
import io.systole.media.FrameHandler;
import io.systole.media.LinkConfig;
import io.systole.media.LinkFailure;
import io.systole.media.LinkFailure.Kind;
import io.systole.media.LinkListener;
import io.systole.media.LinkState;
import io.systole.media.MediaContext;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP medium. A receive socket bound on the interface (ucast: its address and port; bcast: its
 * broadcast address and port; mcast: the group and port, joined on the interface) and a send socket
 * (ucast: the same one; bcast and mcast: one bound to the interface address, port chosen by the
 * kernel, as Heartbeat's writers are). Binding runs on the retry thread: a missing interface, a
 * port in use or any other refusal is reported and retried every retry interval; while up, the same
 * thread checks that the interface still exists, is up and holds the address, and re-binds if not.
 * Reads run on the link's event loop and copy each datagram into one reused buffer.
 */
final class UdpLink extends AbstractLink implements DatagramReader.Target {
  private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
  private static final int RECEIVE_BUFFER = 65536;
  private static final long BIND_TIMEOUT_MS = 5000;
  private static final ChannelHandler SEND_ONLY = new SendOnly();

  private final UdpMedia media;
  private final EventLoop loop;
  private final int maxFrame;
  private final int maxSend;
  private final byte[] rxBytes;
  private final ByteBuffer rxView;
  private final ChannelFutureListener sendResult =
      f -> {
        if (!f.isSuccess()) {
          drop(DropReason.SEND_FAILED, null);
        }
      };

  // Guarded by this: the lifecycle, touched by the retry thread and close().
  private Channel rx;
  private Channel txOwned;
  private UcastSocket share;
  private int boundIndex;
  private InetAddress boundAddress;
  private ScheduledFuture<?> pending;

  private volatile Channel tx;
  private volatile InetSocketAddress destination;
  private volatile InetAddress peerAddress;

  UdpLink(
      final int id,
      final LinkConfig config,
      final MediaContext context,
      final FrameHandler handler,
      final LinkListener listener,
      final UdpMedia media) {
    super(id, config, context, handler, listener);
    this.media = media;
    this.loop = media.nextLoop();
    this.maxFrame = Math.min(context.maxFrameBytes(), MediaContext.MAX_UDP_PAYLOAD);
    this.maxSend = maxFrame;
    this.rxBytes = new byte[maxFrame];
    this.rxView = ByteBuffer.wrap(rxBytes).asReadOnlyBuffer();
  }

  @Override
  public void start() {
    schedule(this::attempt, 0);
  }

  @Override
  public boolean send(final ByteBuffer frame) {
    final Channel ch = tx;
    final InetSocketAddress to = destination;
    final int n = frame.remaining();
    if (ch == null || to == null) {
      drop(DropReason.SEND_LINK_DOWN, null);
      return false;
    }
    if (n > maxSend) {
      drop(DropReason.SEND_OVERSIZED, null);
      return false;
    }
    final ByteBuf buf = ch.alloc().directBuffer(n);
    final int pos = frame.position();
    buf.writeBytes(frame);
    frame.position(pos);
    ch.writeAndFlush(new DatagramPacket(buf, to)).addListener(sendResult);
    countSent(n);
    return true;
  }

  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    synchronized (this) {
      if (pending != null) {
        pending.cancel(false);
      }
      closeChannels();
    }
  }

  /** The ucast peer's address once resolved, else null. */
  InetAddress peerAddress() {
    return peerAddress;
  }

  /** One datagram, on the event loop of the socket that read it. */
  @Override
  public void received(final ByteBuf content, final InetSocketAddress sender) {
    final int n = content.readableBytes();
    if (n == 0) {
      drop(DropReason.MALFORMED, sender);
      return;
    }
    if (n > maxFrame) {
      drop(DropReason.OVERSIZED, sender);
      return;
    }
    content.getBytes(content.readerIndex(), rxBytes, 0, n);
    rxView.limit(n).position(0);
    deliver(rxView, sender);
  }

  private synchronized void schedule(final Runnable task, final long delayMs) {
    if (state() == LinkState.CLOSED) {
      return;
    }
    try {
      pending = media.retry().schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("link {}: retry thread stopped", name());
    }
  }

  private long retryMs() {
    return context().retryInterval().toMillis();
  }

  /** Binds the medium; on failure reports it and schedules the next attempt. Retry thread. */
  private synchronized void attempt() {
    if (state() == LinkState.CLOSED) {
      return;
    }
    countAttempt();
    LinkFailure failure;
    try {
      open();
      failure = null;
    } catch (Refused r) {
      failure = r.failure;
    } catch (RuntimeException e) {
      failure = new LinkFailure(config().device(), Kind.BIND_FAILED, String.valueOf(e));
    }
    if (failure == null) {
      markUp();
      schedule(this::check, retryMs());
    } else {
      closeChannels();
      markFailed(failure);
      schedule(this::attempt, reopenMs(failure));
    }
  }

  /**
   * When to try again after {@code failure}: an interface that is down is the one most likely to
   * come back at any moment (a cable, a flapping link, a healed partition), and a heal is over only
   * once this node hears its peers again, so it is retried every half second (cheap: a look at the
   * interface, logged only when the failure changes); anything else at the retry interval.
   */
  private long reopenMs(final LinkFailure failure) {
    return failure.kind() == Kind.DEVICE_DOWN ? Math.min(retryMs(), LINK_FLAP_RETRY_MS) : retryMs();
  }

  /** How often a link whose interface is down is retried. */
  private static final long LINK_FLAP_RETRY_MS = 500;

  /** While up: the interface must still exist, be up and hold the bound address. Retry thread. */
  private synchronized void check() {
    if (state() == LinkState.CLOSED) {
      return;
    }
    final LinkFailure failure = interfaceProblem();
    if (failure == null) {
      schedule(this::check, retryMs());
    } else {
      closeChannels();
      markFailed(failure);
      schedule(this::attempt, failure.kind() == Kind.DEVICE_GONE ? 0 : reopenMs(failure));
    }
  }

  private LinkFailure interfaceProblem() {
    final String dev = config().device();
    final NetworkInterface nif;
    try {
      nif = NetworkInterface.getByName(dev);
      if (nif == null) {
        return new LinkFailure(dev, Kind.NO_SUCH_DEVICE, "interface disappeared");
      }
      if (nif.getIndex() != boundIndex) {
        return new LinkFailure(dev, Kind.DEVICE_GONE, "interface was removed and re-created");
      }
      if (!nif.isUp()) {
        return new LinkFailure(dev, Kind.DEVICE_DOWN, "interface went down");
      }
    } catch (SocketException e) {
      return new LinkFailure(dev, Kind.NO_SUCH_DEVICE, "cannot read interface: " + e.getMessage());
    }
    if (!holds(nif, boundAddress)) {
      return new LinkFailure(
          dev, Kind.NO_ADDRESS, "address " + boundAddress.getHostAddress() + " left the interface");
    }
    return null;
  }

  private void open() throws Refused {
    final String dev = config().device();
    final NetworkInterface nif;
    try {
      nif = NetworkInterface.getByName(dev);
      if (nif == null) {
        throw new Refused(dev, Kind.NO_SUCH_DEVICE, "no such interface");
      }
      if (!nif.isUp()) {
        throw new Refused(dev, Kind.DEVICE_DOWN, "interface is down");
      }
    } catch (SocketException e) {
      throw new Refused(dev, Kind.NO_SUCH_DEVICE, "cannot read interface: " + e.getMessage());
    }
    final InterfaceAddress ia = ipv4(nif);
    if (ia == null) {
      throw new Refused(dev, Kind.NO_ADDRESS, "no IPv4 address on the interface");
    }
    InetAddress local = ia.getAddress();
    final LinkConfig c = config();
    if (c instanceof LinkConfig.Ucast u) {
      if (u.bind() != null) {
        local = resolve(dev, u.bind());
        if (!holds(nif, local)) {
          throw new Refused(
              dev, Kind.NO_ADDRESS, "the ucast bind address " + u.bind() + " is not on " + dev);
        }
      }
      final InetAddress peer = resolve(dev, u.peer());
      peerAddress = peer;
      share = media.joinUcast(this, new InetSocketAddress(local, u.port()));
      destination = new InetSocketAddress(peer, u.peerPort());
      tx = share.channel();
    } else if (c instanceof LinkConfig.Bcast b) {
      final InetAddress broadcast = ia.getBroadcast();
      if (broadcast == null) {
        throw new Refused(dev, Kind.NO_ADDRESS, "no broadcast address on the interface");
      }
      rx = bind(receiver(true, this), new InetSocketAddress(broadcast, b.port()));
      txOwned =
          bind(sender().option(ChannelOption.SO_BROADCAST, true), new InetSocketAddress(local, 0));
      destination = new InetSocketAddress(broadcast, b.port());
      tx = txOwned;
    } else if (c instanceof LinkConfig.Mcast m) {
      openMcast(m, nif, local);
    } else {
      throw new IllegalStateException("not a UDP medium: " + c.name());
    }
    boundIndex = nif.getIndex();
    boundAddress = local;
  }

  private void openMcast(
      final LinkConfig.Mcast m, final NetworkInterface nif, final InetAddress local)
      throws Refused {
    final String dev = m.device();
    final InetAddress group = resolve(dev, m.group());
    final Bootstrap receiver = receiver(true, this);
    if (media.epoll()) {
      // Only datagrams for groups this socket joined, not any group some socket joined.
      receiver.option(EpollChannelOption.IP_MULTICAST_ALL, false);
    }
    rx = bind(receiver, new InetSocketAddress(group, m.port()));
    final ChannelFuture join =
        ((DatagramChannel) rx).joinGroup(new InetSocketAddress(group, m.port()), nif);
    if (!join.awaitUninterruptibly(BIND_TIMEOUT_MS) || !join.isSuccess()) {
      throw new Refused(
          dev, Kind.JOIN_FAILED, "cannot join " + m.group() + ": " + message(join.cause()));
    }
    final Bootstrap sender =
        sender()
            .option(ChannelOption.IP_MULTICAST_IF, nif)
            .option(ChannelOption.IP_MULTICAST_TTL, m.ttl());
    media.multicastLoop(sender, m.loop());
    txOwned = bind(sender, new InetSocketAddress(local, 0));
    // Netty only logs an option it could not set; a group datagram must never take the default
    // route, so check what the socket got.
    final NetworkInterface via = txOwned.config().getOption(ChannelOption.IP_MULTICAST_IF);
    final Integer hops = txOwned.config().getOption(ChannelOption.IP_MULTICAST_TTL);
    if (via == null || !via.getName().equals(nif.getName()) || hops == null || hops != m.ttl()) {
      throw new Refused(
          dev, Kind.BIND_FAILED, "multicast socket got interface " + via + " and ttl " + hops);
    }
    destination = new InetSocketAddress(group, m.port());
    tx = txOwned;
  }

  /** A receive socket on this link's event loop; {@code reuse}: others may bind the same. */
  Bootstrap receiver(final boolean reuse, final DatagramReader.Target target) {
    return new Bootstrap()
        .group(loop)
        .channelFactory(media.channelFactory())
        .option(ChannelOption.SO_REUSEADDR, reuse)
        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
        .handler(new DatagramReader(target));
  }

  private Bootstrap sender() {
    return new Bootstrap()
        .group(loop)
        .channelFactory(media.channelFactory())
        .option(ChannelOption.AUTO_READ, false)
        .handler(SEND_ONLY);
  }

  /** Binds {@code b} at {@code at}, or says why not. */
  Channel bind(final Bootstrap b, final InetSocketAddress at) throws Refused {
    final ChannelFuture f = b.bind(at);
    if (f.awaitUninterruptibly(BIND_TIMEOUT_MS) && f.isSuccess()) {
      return f.channel();
    }
    f.channel().close();
    final String why = message(f.cause());
    final String where = "udp " + at.getAddress().getHostAddress() + ":" + at.getPort();
    if (why.contains("Address already in use")) {
      throw new Refused(config().device(), Kind.PORT_IN_USE, where + " is in use");
    }
    if (why.contains("Cannot assign requested address")) {
      throw new Refused(config().device(), Kind.NO_ADDRESS, where + ": " + why);
    }
    throw new Refused(config().device(), Kind.BIND_FAILED, "cannot bind " + where + ": " + why);
  }

  private static InetAddress resolve(final String dev, final String host) throws Refused {
    try {
      final InetAddress a = InetAddress.getByName(host);
      if (a instanceof Inet4Address) {
        return a;
      }
      throw new Refused(dev, Kind.PEER_UNRESOLVED, host + " has no IPv4 address");
    } catch (UnknownHostException e) {
      throw new Refused(dev, Kind.PEER_UNRESOLVED, "cannot resolve " + host);
    }
  }

  /**
   * Whether {@code a} is an address of {@code nif}; on a loopback interface, any address of its
   * network (the kernel answers all of 127.0.0.0/8 on lo though lo lists only 127.0.0.1).
   */
  private static boolean holds(final NetworkInterface nif, final InetAddress a) {
    final boolean loopback;
    try {
      loopback = nif.isLoopback();
    } catch (SocketException e) {
      return false;
    }
    for (final InterfaceAddress ia : nif.getInterfaceAddresses()) {
      if (ia.getAddress().equals(a) || loopback && sameNetwork(ia, a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameNetwork(final InterfaceAddress ia, final InetAddress a) {
    final byte[] mine = ia.getAddress().getAddress();
    final byte[] theirs = a.getAddress();
    if (mine.length != theirs.length) {
      return false;
    }
    int bits = ia.getNetworkPrefixLength();
    for (int i = 0; i < mine.length && bits > 0; i++, bits -= 8) {
      final int mask = bits >= 8 ? 0xff : 0xff << (8 - bits) & 0xff;
      if ((mine[i] & mask) != (theirs[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The interface's own IPv4 address: the one this link was bound to before if it is still there,
   * else the primary one. IP takeover adds and removes secondary addresses on the same interface,
   * and the JDK lists the newest first (it reverses the kernel's list, which starts with the
   * primary), so "the first address" would be a service address that leaves with its group.
   */
  private InterfaceAddress ipv4(final NetworkInterface nif) {
    InterfaceAddress primary = null;
    for (final InterfaceAddress ia : nif.getInterfaceAddresses()) {
      if (ia.getAddress() instanceof Inet4Address) {
        if (ia.getAddress().equals(boundAddress)) {
          return ia;
        }
        primary = ia;
      }
    }
    return primary;
  }

  private static String message(final Throwable t) {
    if (t == null) {
      return "timed out";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private void closeChannels() {
    tx = null;
    destination = null;
    if (share != null) {
      media.leaveUcast(this, share);
      share = null;
    }
    for (final Channel ch : new Channel[] {txOwned, rx}) {
      if (ch != null) {
        ch.close().awaitUninterruptibly(BIND_TIMEOUT_MS);
      }
    }
    txOwned = null;
    rx = null;
  }

  /** Why an attempt failed; no stack trace (it is control flow on the retry thread). */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient LinkFailure failure;

    Refused(final String device, final Kind kind, final String detail) {
      super(detail, null, false, false);
      this.failure = new LinkFailure(device, kind, detail);
    }
  }

  /** The send socket reads nothing; errors are counted where writes complete. */
  @ChannelHandler.Sharable
  private static final class SendOnly extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
      LOG.debug("send socket error", cause);
    }
  }
}
