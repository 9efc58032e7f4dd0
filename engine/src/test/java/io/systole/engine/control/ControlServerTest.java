package io.systole.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket over a real Unix domain socket. */
class ControlServerTest {
  @TempDir Path dir;

  private static ControlProtocol.Response echo(final String request) {
    return request.equals("fail")
        ? new ControlProtocol.Response(1, "refused\n")
        : ControlProtocol.Response.ok("you said " + request + "\n");
  }

  @Test
  void answersOneRequestPerConnectionWithItsExitCode() throws IOException {
    final Path socket = dir.resolve("run/systole.sock");
    try (ControlServer server = ControlServer.start(socket, ControlServerTest::echo)) {
      assertEquals(
          ControlProtocol.Response.ok("you said status json\n"),
          ControlClient.request(socket, "status json"));
      assertEquals(1, ControlClient.request(socket, "fail").exitCode());
      assertEquals(socket, server.socket());
    }
    assertFalse(Files.exists(socket), "the socket file goes with the server");
  }

  @Test
  void onlyTheOwnerMayConnect() throws IOException {
    final Path socket = dir.resolve("run/systole.sock");
    try (ControlServer server = ControlServer.start(socket, ControlServerTest::echo)) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }
  }

  @Test
  void aSecondDaemonIsRefusedWhileTheFirstAnswers() throws IOException {
    final Path socket = dir.resolve("systole.sock");
    try (ControlServer first = ControlServer.start(socket, ControlServerTest::echo)) {
      final FileAlreadyExistsException e =
          assertThrows(
              FileAlreadyExistsException.class,
              () -> ControlServer.start(socket, ControlServerTest::echo));
      assertTrue(e.getMessage().contains("another daemon"), e.getMessage());
      assertEquals(0, ControlClient.request(socket, "still there").exitCode());
    }
  }

  @Test
  void aStaleSocketLeftByADeadDaemonIsReplaced() throws IOException {
    final Path socket = dir.resolve("systole.sock");
    final ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close(); // the file stays, as after a kill -9
    assertTrue(Files.exists(socket));
    try (ControlServer server = ControlServer.start(socket, ControlServerTest::echo)) {
      assertEquals(0, ControlClient.request(socket, "hello").exitCode());
    }
  }

  @Test
  void anOversizedOrEmptyRequestIsABadRequestAndTheServerGoesOn() throws IOException {
    final Path socket = dir.resolve("systole.sock");
    try (ControlServer server = ControlServer.start(socket, ControlServerTest::echo)) {
      assertEquals(2, ControlClient.request(socket, "x".repeat(10_000)).exitCode());
      assertEquals(2, ControlClient.request(socket, "   ").exitCode());
      try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        c.connect(UnixDomainSocketAddress.of(socket));
        c.write(ByteBuffer.wrap("no newline".getBytes(StandardCharsets.UTF_8)));
        c.shutdownOutput();
        assertEquals(2, ControlProtocol.readResponse(c).exitCode());
      }
      assertEquals(0, ControlClient.request(socket, "after").exitCode());
    }
  }

  @Test
  void noDaemonIsAClearError() {
    final IOException e =
        assertThrows(
            IOException.class, () -> ControlClient.request(dir.resolve("none.sock"), "status"));
    assertTrue(e.getMessage().contains("no Systole daemon is running here"), e.getMessage());
  }

  @Test
  void aSocketLeftByAStoppedDaemonIsAClearError() throws Exception {
    final Path stale = dir.resolve("stale.sock");
    try (ControlServer server =
        ControlServer.start(stale, r -> ControlProtocol.Response.ok("x\n"))) {
      assertEquals(0, ControlClient.request(stale, "status").exitCode());
    }
    if (!java.nio.file.Files.exists(stale)) {
      java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)
          .bind(java.net.UnixDomainSocketAddress.of(stale))
          .close(); // a socket file nobody listens on, as a killed daemon leaves
    }
    final IOException e =
        assertThrows(IOException.class, () -> ControlClient.request(stale, "status"));
    assertTrue(e.getMessage().contains("has stopped: start it again"), e.getMessage());
  }
}
