package io.systole.media.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The receive (and send) socket of every ucast link on one interface address and port. Heartbeat
 * configurations often carry several ucast lines on one interface (one per peer, often one naming
 * the node itself, so that all nodes share one ha.cf); they cannot each bind the port, so they
 * share this socket. A datagram goes to the link whose peer sent it, and one from any other address
 * to the first link (Heartbeat does not check sources; the signature decides).
 */
final class UcastSocket implements DatagramReader.Target {
  private final InetSocketAddress local;
  private Channel channel;
  private volatile UdpLink[] members = new UdpLink[0];

  UcastSocket(final InetSocketAddress local) {
    this.local = local;
  }

  InetSocketAddress local() {
    return local;
  }

  Channel channel() {
    return channel;
  }

  void channel(final Channel ch) {
    this.channel = ch;
  }

  /** Whether the socket is still bound. */
  boolean open() {
    return channel != null && channel.isOpen();
  }

  synchronized void add(final UdpLink link) {
    final UdpLink[] next = Arrays.copyOf(members, members.length + 1);
    next[members.length] = link;
    Arrays.sort(next, Comparator.comparingInt(UdpLink::id));
    members = next;
  }

  /** Removes {@code link}; returns true if no member is left. */
  synchronized boolean remove(final UdpLink link) {
    members = Arrays.stream(members).filter(m -> m != link).toArray(UdpLink[]::new);
    return members.length == 0;
  }

  @Override
  public void received(final ByteBuf content, final InetSocketAddress sender) {
    final UdpLink[] m = members;
    if (m.length == 0) {
      return;
    }
    UdpLink target = m[0];
    for (final UdpLink link : m) {
      if (sender.getAddress().equals(link.peerAddress())) {
        target = link;
        break;
      }
    }
    target.received(content, sender);
  }
}
