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
        throw new IOException(whyNoAnswer(socket, e), e);
      }
      final ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        c.write(out);
      }
      c.shutdownOutput();
      return ControlProtocol.readResponse(c);
    }
  }

  /** What to tell the user when connecting to {@code socket} failed with {@code e}. */
  static String whyNoAnswer(final Path socket, final IOException e) {
    final Path dir = socket.toAbsolutePath().getParent();
    if (dir != null && java.nio.file.Files.exists(dir) && !java.nio.file.Files.isExecutable(dir)) {
      return "permission denied: "
          + dir
          + " is the daemon's (mode 0700); run this as root or as the daemon's user";
    }
    if (!java.nio.file.Files.exists(socket)) {
      return "no Systole daemon is running here: "
          + socket
          + " does not exist (start it with `systole daemon` or `systemctl start systole`;"
          + " --socket names another socket)";
    }
    final String m = String.valueOf(e.getMessage());
    if (m.contains("ermission denied")) {
      return "permission denied on " + socket + ": run this as root or as the daemon's user";
    }
    return "no Systole daemon answers on "
        + socket
        + " ("
        + m
        + "); the daemon that made it has stopped: start it again";
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
