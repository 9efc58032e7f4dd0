package io.systole.media.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a receive socket's datagrams on its event loop and hands each to a {@link Target}. */
final class DatagramReader extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DatagramReader.class);

  /** Where datagrams go: a link, or a shared socket that picks one. */
  interface Target {
    /** One datagram; {@code content} is valid only during the call. */
    void received(ByteBuf content, InetSocketAddress sender);
  }

  private final Target target;

  DatagramReader(final Target target) {
    this.target = target;
  }

  @Override
  public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
    if (msg instanceof DatagramPacket p) {
      try {
        target.received(p.content(), p.sender());
      } finally {
        p.release();
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    LOG.debug("receive error on {}", ctx.channel(), cause);
  }
}
