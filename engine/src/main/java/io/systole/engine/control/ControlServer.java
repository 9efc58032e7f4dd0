package io.systole.engine.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's local control socket: a Unix domain socket that only the daemon's user may use (the
 * socket is mode 0600 in a directory of mode 0700). One request per connection: a single line,
 * answered by {@link ControlProtocol}'s response and the connection's close. Requests are served
 * one at a time on the thread {@code systole-control}; the handler reads the daemon's published
 * state and never blocks the cluster logic.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

  private final Path socket;
  private final ControlHandler handler;
  private final ServerSocketChannel channel;
  private final Thread thread;

  private ControlServer(
      final Path socket, final ControlHandler handler, final ServerSocketChannel c) {
    this.socket = socket;
    this.handler = handler;
    this.channel = c;
    this.thread = new Thread(this::serve, "systole-control");
    this.thread.setDaemon(true);
  }

  /**
   * Binds {@code socket} and starts serving. A stale socket file left by a dead daemon is replaced;
   * a live one is refused, so two daemons never share a socket.
   *
   * @throws IOException naming the socket when it cannot be bound
   */
  public static ControlServer start(final Path socket, final ControlHandler handler)
      throws IOException {
    final Path dir = socket.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (Files.exists(socket)) {
      if (ControlClient.answers(socket)) {
        throw new FileAlreadyExistsException(
            socket.toString(),
            null,
            "another daemon answers on this control socket; stop it first");
      }
      Files.delete(socket);
    }
    final ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      c.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      c.close();
      throw new IOException("cannot bind the control socket " + socket + ": " + e.getMessage(), e);
    }
    final ControlServer server = new ControlServer(socket, handler, c);
    server.thread.start();
    return server;
  }

  /** Where the socket is. */
  public Path socket() {
    return socket;
  }

  private void serve() {
    while (channel.isOpen()) {
      try (SocketChannel client = channel.accept()) {
        serveOne(client);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("control socket {}: request failed: {}", socket, e.toString());
      }
    }
  }

  private void serveOne(final SocketChannel client) throws IOException {
    final String request = ControlProtocol.readRequest(client);
    ControlProtocol.Response response;
    try {
      response =
          request == null
              ? ControlProtocol.Response.usage("empty or oversized request")
              : handler.handle(request);
    } catch (RuntimeException e) {
      LOG.warn("control request '{}' failed", request, e);
      response = new ControlProtocol.Response(1, "internal error: " + e + "\n");
    }
    final ByteBuffer out =
        ByteBuffer.wrap(
            (response.exitCode() + "\n" + response.body()).getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) {
      client.write(out);
    }
  }

  /** Stops serving and removes the socket file. */
  @Override
  public void close() throws IOException {
    channel.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(socket);
  }
}
