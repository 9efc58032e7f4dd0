package io.systole.engine.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real ICMP echo: the monitor probes 127.0.0.1 and the far end of a veth pair whose peer lives in a
 * network namespace made for this test; the peer then ignores echo requests ({@code
 * icmp_echo_ignore_all} in its namespace), and the monitor must call it unreachable. That also
 * proves the probe is ICMP: the JDK's fallback, TCP port 7, would be refused by the peer and
 * counted as an answer. Needs root (CI runs as root), like the daemon.
 */
class PingMonitorIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String NS = "sping" + PID;
  private static final String HOST_END = "spg" + PID + "a";
  private static final String NS_END = "spg" + PID + "b";
  private static final String NET = "10.200." + (1 + PID % 250) + ".";
  private static final String PEER = NET + "2";
  private static final long HANG_GUARD_S = 30;

  private final BlockingQueue<String> verdicts = new LinkedBlockingQueue<>();

  @BeforeEach
  void makeNamespace() throws Exception {
    removeNamespace();
    run("ip", "netns", "add", NS);
    run("ip", "link", "add", HOST_END, "type", "veth", "peer", "name", NS_END, "netns", NS);
    run("ip", "addr", "add", NET + "1/30", "dev", HOST_END);
    run("ip", "link", "set", HOST_END, "up");
    run("ip", "-n", NS, "addr", "add", PEER + "/30", "dev", NS_END);
    run("ip", "-n", NS, "link", "set", NS_END, "up");
  }

  /** Deleting one end of the pair deletes both; errors are ignored, as on a clean machine. */
  @AfterEach
  void removeNamespace() throws Exception {
    exec("ip", "link", "del", HOST_END);
    exec("ip", "netns", "del", NS);
  }

  @Test
  void aPeerThatStopsAnsweringEchoBecomesUnreachableAndLoopbackStays() throws Exception {
    assertTrue(PingMonitor.mayOpenRawSockets(), "run as root: the probe needs CAP_NET_RAW");
    final List<HaCf.PingGroup> groups =
        List.of(
            new HaCf.PingGroup("127.0.0.1", List.of("127.0.0.1")),
            new HaCf.PingGroup("peer", List.of(PEER)));
    final PingListener recorder =
        (final String group, final boolean reachable, final String detail) ->
            verdicts.add(group + " " + reachable + ": " + detail);
    try (PingMonitor m = new PingMonitor(groups, 100, 500, 0, Prober.ICMP, recorder)) {
      m.start();
      assertEquals(
          Set.of(
              "127.0.0.1 true: 127.0.0.1 answered, the first reply since start",
              "peer true: " + PEER + " answered, the first reply since start"),
          Set.of(next(), next()));

      run("ip", "netns", "exec", NS, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
      final String down = next();
      assertTrue(down.startsWith("peer false: no reply from " + PEER + " for "), down);

      run("ip", "netns", "exec", NS, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=0");
      final String up = next();
      assertTrue(up.startsWith("peer true: " + PEER + " answered after "), up);
      m.close();
      assertEquals(List.of(), new ArrayList<>(verdicts), "loopback never changed");
    }
  }

  private String next() throws InterruptedException {
    final String v = verdicts.poll(HANG_GUARD_S, TimeUnit.SECONDS);
    assertNotNull(v, "no verdict in " + HANG_GUARD_S + " s");
    return v;
  }

  private static void run(final String... command) throws IOException, InterruptedException {
    final String failure = exec(command);
    if (failure != null) {
      throw new IOException(failure);
    }
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String exec(final String... command) throws IOException, InterruptedException {
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", command) + " did not finish in 10 s";
    }
    return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + out.strip();
  }
}
