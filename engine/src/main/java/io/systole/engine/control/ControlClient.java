package io.systole.engine.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Sends one request to a daemon's control socket and reads the answer. */
public final class ControlClient {
  private ControlClient() {}

  /**
   * The daemon's answer to {@code request}.
   *
   * @throws IOException when no daemon answers on {@code socket}, with a message that says so
   */
  public static ControlProtocol.Response request(final Path socket, final String request)
      throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        c.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        throw new IOException(
            "no Systole daemon answers on "
                + socket
                + " ("
                + e.getMessage()
                + "); is it running, and are you its user (or root)?",
            e);
      }
      final ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        c.write(out);
      }
      c.shutdownOutput();
      return ControlProtocol.readResponse(c);
    }
  }

  /** Whether a daemon answers on {@code socket}. */
  static boolean answers(final Path socket) {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
