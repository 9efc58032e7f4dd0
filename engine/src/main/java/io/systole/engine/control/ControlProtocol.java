package io.systole.engine.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The control socket's wire: the client writes one request line ending in a newline; the daemon
 * answers with the exit code on the first line (0 done, 1 refused or failed, 2 bad request, as the
 * {@code systole} command exits) and the body, then closes. Text, UTF-8, so that {@code socat} can
 * talk to it by hand.
 */
public final class ControlProtocol {
  /** The longest request line accepted. */
  public static final int MAX_REQUEST = 4096;

  private ControlProtocol() {}

  /**
   * A response.
   *
   * @param exitCode what the command should exit with
   * @param body the text to print, ending in a newline
   */
  public record Response(int exitCode, String body) {
    /** A successful answer. */
    public static Response ok(final String body) {
      return new Response(0, body);
    }

    /** A request the daemon does not understand. */
    public static Response usage(final String why) {
      return new Response(2, why + "\n");
    }
  }

  /** Reads the request line, or null when it is empty, unterminated or longer than allowed. */
  static String readRequest(final ReadableByteChannel in) throws IOException {
    final ByteBuffer buf = ByteBuffer.allocate(MAX_REQUEST + 1);
    while (buf.hasRemaining()) {
      final int n = in.read(buf);
      if (n < 0) {
        break;
      }
      for (int i = buf.position() - n; i < buf.position(); i++) {
        if (buf.get(i) == '\n') {
          final String line = new String(buf.array(), 0, i, StandardCharsets.UTF_8).strip();
          return line.isEmpty() ? null : line;
        }
      }
    }
    drain(in);
    return null;
  }

  /**
   * Reads and drops what a client still sends after an oversized request (up to a bound), so that
   * it gets its answer instead of a reset connection.
   */
  private static void drain(final ReadableByteChannel in) throws IOException {
    final ByteBuffer sink = ByteBuffer.allocate(8192);
    for (int total = 0; total < (1 << 20); ) {
      sink.clear();
      final int n = in.read(sink);
      if (n < 0) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (sink.get(i) == '\n') {
          return;
        }
      }
      total += n;
    }
  }

  /** Reads a whole response: the exit code line and the body. */
  static Response readResponse(final ReadableByteChannel in) throws IOException {
    final ByteArrayOutputStream all = new ByteArrayOutputStream();
    final ByteBuffer buf = ByteBuffer.allocate(8192);
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      all.write(buf.array(), 0, buf.position());
      buf.clear();
    }
    final String text = all.toString(StandardCharsets.UTF_8);
    final int nl = text.indexOf('\n');
    if (nl < 0) {
      throw new IOException("the daemon closed the control socket without an answer");
    }
    try {
      return new Response(Integer.parseInt(text.substring(0, nl)), text.substring(nl + 1));
    } catch (NumberFormatException e) {
      throw new IOException("the daemon's answer does not start with an exit code", e);
    }
  }
}
