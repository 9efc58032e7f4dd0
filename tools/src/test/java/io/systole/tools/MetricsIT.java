package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real single-node daemon on loopback with {@code systole_metrics 127.0.0.1:PORT}: Prometheus
 * scrapes it over HTTP and sees this node up and the journal's position; a clean stop closes the
 * port.
 */
class MetricsIT {
  @TempDir Path tmp;
  private SingleDaemon rig;
  private Process daemon;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void rig() {
    rig = new SingleDaemon(tmp);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (daemon != null) {
      daemon.descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly(); // by PID, never by name
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aScrapeSeesThisNodeUpAndTheJournalPosition() throws Exception {
    final int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    daemon = rig.launch(rig.configure("systole_metrics 127.0.0.1:" + port), "--default-signal=HUP");
    final URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    // A first start may build the jar first (the launcher does when it is stale).
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    String page = "";
    while (!page.contains("systole_node_up{node=\"ha1\"} 1")) {
      assertTrue(daemon.isAlive(), "the daemon ended\n" + log());
      assertTrue(System.nanoTime() < deadline, "no scrape:\n" + page + "\n" + log());
      page = scrape(uri);
      Thread.sleep(100);
    }
    assertTrue(
        List.of(page.split("\n")).stream().anyMatch(l -> l.matches("systole_journal_index \\d+")),
        page);
    assertTrue(page.contains("# TYPE systole_failovers_total counter"), page);
    assertTrue(log().contains("metrics on http://127.0.0.1:" + port + "/metrics"), log());

    final Process term =
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).inheritIO().start();
    assertTrue(term.waitFor(10, TimeUnit.SECONDS) && term.exitValue() == 0, "kill -TERM");
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop\n" + log());
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort());
    }
  }

  /** The page, or "" while nothing listens yet. */
  private String scrape(final URI uri) throws InterruptedException {
    try {
      final HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
    } catch (IOException e) {
      return "";
    }
  }

  private String log() throws IOException {
    return rig.log();
  }
}
