package io.systole.media.udp;

import io.systole.media.FrameRecorder;
import io.systole.media.LinkConfig;
import io.systole.media.Media;
import io.systole.media.MediaContext;
import io.systole.media.MediaContext.UdpTransport;
import io.systole.media.TestThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Test support: a node's UDP media with a recorder, and free ports. */
final class Udp implements AutoCloseable {
  final FrameRecorder recorder = new FrameRecorder();
  final Media media;
  final String threads;

  private Udp(final MediaContext context, final List<LinkConfig> configs) {
    threads = context.threadNamePrefix();
    media = Media.start(context, configs, recorder, recorder);
  }

  /** A context with a fast retry and unique thread names, on {@code transport}. */
  static MediaContext context(final UdpTransport transport) {
    return new MediaContext()
        .udpTransport(transport)
        .retryInterval(Duration.ofMillis(100))
        .threadNamePrefix(TestThreads.uniquePrefix("udp"));
  }

  static Udp start(final MediaContext context, final LinkConfig... configs) {
    return new Udp(context, List.of(configs));
  }

  static Udp start(final UdpTransport transport, final LinkConfig... configs) {
    return start(context(transport), configs);
  }

  /** The only link, up. */
  io.systole.media.Link up() {
    final io.systole.media.Link l = media.links().get(0);
    recorder.awaitUp(l);
    return l;
  }

  static ByteBuffer ascii(final String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A UDP port on 127.0.0.1 that nothing was bound to a moment ago. */
  static int freePort() {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    media.close();
    TestThreads.assertNoneLeft(threads);
  }
}
