package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One real Heartbeat 3.0.6 node ({@code hbnode}, Debian's {@code heartbeat}) and one Systole daemon
 * ({@code synode}), each in a network namespace of its own joined by a veth pair, on one ha.cf and
 * authkeys, over ucast with sha1, bcast with md5 and mcast with crc (each medium and each auth
 * method once): each sees the other up; a SIGKILL of the Systole daemon makes Heartbeat declare it
 * dead, and a SIGKILL of Heartbeat's master control process makes Systole declare it dead, each
 * within deadtime plus one keepalive (plus scheduling slack). Heartbeat runs in mount, UTS, IPC and
 * PID namespaces of its own with a ResourceManager that only logs ({@code
 * src/test/sh/heartbeat-node.sh}). Needs root and the {@code heartbeat} package; creates the
 * namespaces {@code hbiPID-a} and {@code hbiPID-b} only (PID: the test JVM's, modulo 100000).
 */
class HeartbeatInteropIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("systole.launcher", "../systole")).toAbsolutePath().normalize();
  private static final Path NETNS =
      Path.of("src/test/sh/netns-pair.sh").toAbsolutePath().normalize();
  // Unique per run, unlike other tests' sy-* (one of ours vanished in the middle of a run once).
  private static final String PREFIX = "hbi" + ProcessHandle.current().pid() % 100_000;
  private static final String HB = "hbnode";
  private static final String SY = "synode";
  private static final long KEEPALIVE_MS = 500;
  private static final long DEADTIME_MS = 2000;
  private static final long SCHEDULING_SLACK_MS = 1000;
  private static final long BOUND_MS = DEADTIME_MS + KEEPALIVE_MS + SCHEDULING_SLACK_MS;

  @TempDir Path tmp;
  private final List<Process> daemons = new ArrayList<>();
  private HeartbeatNode heartbeat;

  private HeartbeatNode heartbeat() {
    if (heartbeat == null) {
      heartbeat = new HeartbeatNode(heartbeatWork(), HB, PREFIX + "-a", false);
    }
    return heartbeat;
  }

  @BeforeEach
  void network() throws Exception {
    assertEquals(0, run(NETNS.toString(), "up", PREFIX), "creating the namespaces (needs root)");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (final Process p : daemons) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (heartbeat != null) {
      heartbeat.stop();
    }
    run(NETNS.toString(), "down", PREFIX);
  }

  /**
   * The one ha.cf and authkeys of both nodes: Heartbeat's copy logs to its private /var/log
   * (WORK/log); authkeys signs with {@code method} ({@code sha1}, {@code md5} or {@code crc}).
   */
  private Path config(final String medium, final String method) throws IOException {
    return config(medium, method, KEEPALIVE_MS, DEADTIME_MS);
  }

  private Path config(
      final String medium, final String method, final long keepaliveMs, final long deadtimeMs)
      throws IOException {
    final Path dir = Files.createDirectories(heartbeatWork().resolve("etc"));
    final List<String> media =
        switch (medium) {
          case "ucast" -> List.of("ucast eth0 10.77.0.1", "ucast eth0 10.77.0.2");
          case "bcast" -> List.of("bcast eth0");
          case "mcast" -> List.of("mcast eth0 239.192.77.1 694 1 0");
          default -> throw new IllegalArgumentException(medium);
        };
    Files.writeString(
        dir.resolve("ha.cf"),
        String.join(
            "\n",
            "logfile /var/log/ha-log",
            "debugfile /var/log/ha-debug",
            "keepalive " + keepaliveMs + "ms",
            "deadtime " + deadtimeMs + "ms",
            "warntime " + deadtimeMs / 2 + "ms",
            "initdead 4",
            "realtime off",
            String.join("\n", media),
            "auto_failback on",
            "node " + HB,
            "node " + SY,
            ""));
    Files.writeString(dir.resolve("haresources"), "");
    final Path keys = dir.resolve("authkeys");
    final String key = "crc".equals(method) ? "" : " heartbeat-interop-secret";
    Files.writeString(keys, "auth 1\n1 " + method + key + "\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    return dir;
  }

  private Path heartbeatWork() {
    return tmp.resolve(HB);
  }

  private Path systoleHome() {
    return tmp.resolve(SY);
  }

  private Process systole(final Path config) throws Exception {
    final Path home = Files.createDirectories(systoleHome());
    final Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                PREFIX + "-b",
                LAUNCHER.toString(),
                "daemon",
                "-c",
                config.toString(),
                "--node",
                SY,
                "--state-dir",
                home.resolve("state").toString(),
                "--socket",
                home.resolve("systole.sock").toString(),
                // ha.cf's logfile is Heartbeat's, in its private /var/log: not the host's.
                "--logfile",
                home.resolve("ha-log").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()))
            .start();
    daemons.add(p);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (systoleStatus() == null) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        fail("the Systole daemon did not start\n" + evidence());
      }
      Thread.sleep(100);
    }
    return p;
  }

  private static void kill(final Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly(); // SIGKILL of the JVM (ip netns exec and the launcher exec it)
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the killed daemon is gone");
  }

  private void startHeartbeat() throws Exception {
    heartbeat().start();
  }

  /**
   * What {@code cl_status nodestatus synode} prints inside Heartbeat's namespaces ({@code active},
   * {@code up}, {@code init}; {@code dead} with exit status 1), or null when it cannot ask (before
   * Heartbeat's communication is up its API refuses clients).
   */
  private String heartbeatSees() throws Exception {
    final String said = heartbeat().clStatus("nodestatus", SY);
    return said != null && said.matches("active|up|init|dead") ? said : null;
  }

  /** Polls Heartbeat until it says {@code wanted} about synode; returns when it first did (µs). */
  private long awaitHeartbeat(final String wanted) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = null;
    while (System.nanoTime() < deadline) {
      last = heartbeatSees();
      if (wanted.equals(last)) {
        return nowMicros();
      }
      Thread.sleep(20);
    }
    return fail(
        "Heartbeat never said " + SY + " is " + wanted + "; last: " + last + "\n" + evidence());
  }

  /** Heartbeat's and Systole's logs, for a failure message. */
  private String evidence() {
    try {
      final String hb = heartbeat().logs();
      final Path log = systoleHome().resolve("daemon.log");
      final String sy = Files.exists(log) ? Files.readString(log) : "(none)";
      return "--- Heartbeat's logs\n" + hb + "--- Systole's log\n" + sy;
    } catch (IOException e) {
      return "(logs unreadable: " + e + ")";
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> systoleStatus() throws Exception {
    final Process p =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "status",
                "--json",
                "--socket",
                systoleHome().resolve("systole.sock").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return p.exitValue() == 0 ? (Map<String, Object>) Json.parse(out) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nodeIn(final Map<String, Object> status, final String node) {
    for (final Object o : (List<Object>) status.get("nodes")) {
      final Map<String, Object> n = (Map<String, Object>) o;
      if (n.get("name").equals(node)) {
        return n;
      }
    }
    return null;
  }

  /** Polls Systole until it says {@code wanted} about hbnode; returns that status. */
  private Map<String, Object> awaitSystole(final String wanted) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Map<String, Object> last = null;
    while (System.nanoTime() < deadline) {
      last = systoleStatus();
      final Map<String, Object> n = last == null ? null : nodeIn(last, HB);
      if (n != null && wanted.equals(n.get("status"))) {
        return last;
      }
      Thread.sleep(100);
    }
    return fail(
        "Systole never said " + HB + " is " + wanted + "; last: " + last + "\n" + evidence());
  }

  /** When hbnode's status last changed, as {@code status --json} prints it (µs). */
  private static long sinceOf(final Map<String, Object> status) {
    final Instant t =
        ZonedDateTime.parse(
                (String) nodeIn(status, HB).get("since"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS z"))
            .toInstant();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static long nowMicros() {
    final Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({"ucast, sha1", "bcast, md5", "mcast, crc"})
  void heartbeatAndSystoleSeeEachOtherAndEachDeclaresTheOtherDeadWithinTheBound(
      final String medium, final String method) throws Exception {
    final String run = medium + " + " + method;
    final Path config = config(medium, method);
    // Systole first, so that Heartbeat hears it before initdead (4 s) and has to settle with it
    // (reqnodes, repnodes) rather than declare it dead.
    Process systole = systole(config);
    startHeartbeat();
    awaitSystole("up");
    awaitHeartbeat("active");

    // Systole killed: Heartbeat times it out by the deadtime Systole advertised (dt).
    final long systoleKilled = nowMicros();
    kill(systole);
    final long heartbeatSaidDead = awaitHeartbeat("dead");
    final long heartbeatMs = (heartbeatSaidDead - systoleKilled) / 1000;
    System.out.printf(
        "%s: Heartbeat declared the killed Systole dead after %d ms (bound %d ms)%n",
        run, heartbeatMs, BOUND_MS);
    assertTrue(
        heartbeatMs <= BOUND_MS,
        () -> "Heartbeat declared synode dead " + heartbeatMs + " ms after the kill");

    // Systole back (a new generation): both see each other again.
    systole = systole(config);
    awaitHeartbeat("active");
    awaitSystole("up");
    Thread.sleep(KEEPALIVE_MS); // let Systole's view settle on the restarted peer's stream

    // Heartbeat killed (its master control process): Systole declares it dead.
    final long heartbeatKilled = nowMicros();
    heartbeat().signal("KILL");
    final long systoleSaidDead = sinceOf(awaitSystole("dead"));
    final long systoleMs = (systoleSaidDead - heartbeatKilled) / 1000;
    System.out.printf(
        "%s: Systole declared the killed Heartbeat dead after %d ms (bound %d ms)%n",
        run, systoleMs, BOUND_MS);
    assertTrue(
        systoleMs <= BOUND_MS,
        () -> "Systole declared hbnode dead " + systoleMs + " ms after the kill");
    assertHeartbeatNeverComplained();
  }

  /**
   * Heartbeat's API stays up for longer than its flow control window (about 250 of its messages
   * unacknowledged by a peer whose status says {@code protocol=1}): Systole acknowledges them. At
   * keepalive 100 ms the window fills in some 25 s.
   */
  @Test
  void heartbeatDoesNotPauseItsClientsBecauseSystoleAcknowledgesItsMessages() throws Exception {
    final Path config = config("ucast", "sha1", 100, 1000);
    systole(config);
    startHeartbeat();
    awaitSystole("up");
    awaitHeartbeat("active");
    final Path log = heartbeat().haLog();
    final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
    while (System.nanoTime() < until) {
      Thread.sleep(1000);
      assertFalse(
          Files.readString(log).contains("all clients are now paused"),
          () -> "Heartbeat paused its clients: Systole does not acknowledge\n" + evidence());
    }
    assertEquals("active", heartbeatSees(), () -> "cl_status after 35 s\n" + evidence());
    assertHeartbeatNeverComplained();
  }

  /** Nothing Systole sent made Heartbeat log an error or a critical line. */
  private void assertHeartbeatNeverComplained() throws Exception {
    final List<String> complaints =
        Files.readAllLines(heartbeat().haLog()).stream()
            .filter(l -> l.matches(".*: (ERROR|CRIT): .*"))
            .toList();
    assertTrue(complaints.isEmpty(), () -> "Heartbeat complained: " + complaints);
  }

  private static int run(final String... command) throws Exception {
    final Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
