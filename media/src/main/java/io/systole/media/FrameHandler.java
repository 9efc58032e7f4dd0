package io.systole.media;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * Receives every frame a link reads: one UDP datagram or one serial frame ({@code >>>\n} through
 * {@code <<<\n}), raw and not yet decoded or authenticated. The receive path allocates nothing of
 * its own: {@code frame} is a read-only view of the link's receive buffer, reused for the next
 * frame, so copy what you keep (say into a preallocated ring slot, with {@code frame.get(slot, 0,
 * frame.remaining())}) before returning.
 *
 * <p>With a Disruptor, a static {@code EventTranslatorThreeArg<Slot, Link, ByteBuffer,
 * SocketAddress>} that copies the frame into the slot's preallocated array makes publishing
 * allocation-free: {@code ring.publishEvent(COPY, link, frame, source)}.
 *
 * <p>Called on the link's I/O thread: never concurrently for one link, but concurrently for
 * different links (UDP links share the event loop threads, each serial link has its own reader).
 * Return quickly; a handler that throws loses that frame ({@link DropReason#HANDLER_ERROR}) and
 * nothing else.
 */
@FunctionalInterface
public interface FrameHandler {
  /**
   * One frame arrived.
   *
   * @param link the link it arrived on ({@link Link#id()} is a small index for ring slots)
   * @param frame the bytes, from position to limit; valid only during this call
   * @param source the sender's address and port for UDP (an immutable object that may be kept), or
   *     null for a serial link
   */
  void onFrame(Link link, ByteBuffer frame, SocketAddress source);
}
