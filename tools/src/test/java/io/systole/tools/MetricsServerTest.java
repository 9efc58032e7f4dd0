package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint over a real socket on loopback, on an ephemeral port. */
class MetricsServerTest {
  private static final InetSocketAddress ANY_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private static boolean threadLeft() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(MetricsServer.THREAD) && t.isAlive());
  }

  private HttpResponse<String> send(final String method, final String path) throws Exception {
    final URI uri = URI.create(server.url().replace("/metrics", path));
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void start() throws IOException {
    server =
        MetricsServer.start(
            ANY_PORT, () -> MetricsText.render(StatusTextTest.snapshot(), new JournalCounters()));
  }

  @Test
  void getMetricsAnswersThePrometheusPage() throws Exception {
    start();
    final HttpResponse<String> r = send("GET", "/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        r.headers().firstValue("content-type").orElseThrow());
    for (final String family :
        new String[] {
          "# TYPE systole_node_up gauge",
          "# TYPE systole_link_up gauge",
          "# TYPE systole_failovers_total counter",
          "# TYPE systole_action_duration_seconds summary",
          "systole_journal_index 4"
        }) {
      assertTrue(r.body().contains(family), family);
    }
    assertEquals(200, send("GET", "/metrics?x=1").statusCode());
    assertTrue(send("GET", "/").body().contains("/metrics"));
    final HttpResponse<String> head = send("HEAD", "/metrics");
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  @Test
  void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
    start();
    assertEquals(404, send("GET", "/metric").statusCode());
    final HttpResponse<String> post = send("POST", "/metrics");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
    assertEquals(405, send("DELETE", "/").statusCode());
  }

  @Test
  void closeReleasesThePortAndEndsTheThread() throws Exception {
    start();
    assertTrue(threadLeft());
    final int port = server.address().getPort();
    server.close();
    server = null;
    assertFalse(threadLeft());
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void aPortInUseIsRefusedByNameWithoutLeavingTheThread() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final IOException e =
          assertThrows(
              IOException.class,
              () ->
                  MetricsServer.start(
                      new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()),
                      () -> ""));
      assertTrue(e.getMessage().startsWith("systole_metrics 127.0.0.1:"), e.getMessage());
    }
    assertFalse(threadLeft());
  }
}
