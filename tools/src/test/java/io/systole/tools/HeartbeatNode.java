package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Heartbeat 3.0.6 as one node of a system test, inside an existing network namespace and
 * isolated by {@code src/test/sh/heartbeat-node.sh} (mount, UTS, IPC and PID namespaces of its own,
 * private /etc/ha.d from {@code WORK/etc}, /run and /var/log in {@code WORK/log}, a defused
 * ResourceManager). Never run Heartbeat otherwise: its ResourceManager can reboot the machine.
 */
final class HeartbeatNode {
  private static final Path SCRIPT =
      Path.of("src/test/sh/heartbeat-node.sh").toAbsolutePath().normalize();
  private static final Path LIB = Path.of("/usr/share/heartbeat");

  private final Path work;
  private final String node;
  private final String netns;
  private final boolean resources;
  private boolean started;

  /**
   * Node {@code node} on {@code work/etc}; {@code resources}: Heartbeat really starts and stops its
   * resources, else its ResourceManager only records what it was asked.
   */
  HeartbeatNode(final Path work, final String node, final String netns, final boolean resources) {
    this.work = work;
    this.node = node;
    this.netns = netns;
    this.resources = resources;
  }

  String node() {
    return node;
  }

  /** Starts Heartbeat; returns once its master control process runs. */
  void start() throws Exception {
    started = true;
    final List<String> command =
        new ArrayList<>(List.of(SCRIPT.toString(), "start", work.toString(), node, netns));
    if (resources) {
      command.add("--resources");
    }
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "heartbeat-node.sh start returns");
    assertEquals(0, p.exitValue(), () -> "starting Heartbeat on " + node + ":\n" + out);
  }

  /**
   * Sends {@code signal} (KILL, TERM) to Heartbeat's master control process. After a KILL the
   * namespace's init ends, and the kernel kills Heartbeat's children and the services it started.
   */
  void signal(final String signal) throws Exception {
    assertEquals(0, script("kill", work.toString(), signal), "signalling Heartbeat on " + node);
  }

  /** Waits until Heartbeat (after a signal) and its namespaces are gone; false if they are not. */
  boolean awaitExit(final int seconds) throws Exception {
    final Path pid = work.resolve("hb").resolve("unshare.pid");
    if (!Files.exists(pid)) {
      return true;
    }
    final Optional<ProcessHandle> unshare =
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
    if (unshare.isEmpty()) {
      return true;
    }
    try {
      unshare.get().onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /**
   * Runs {@code command} inside Heartbeat's namespaces (its API socket is in its private /run);
   * returns its standard output whatever its exit status ({@code cl_status nodestatus} exits 1 for
   * a dead node), empty if Heartbeat is not running, or null if it hung.
   */
  String exec(final String... command) throws Exception {
    final List<String> line = new ArrayList<>(List.of(SCRIPT.toString(), "exec", work.toString()));
    line.addAll(List.of(command));
    final Process p =
        new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor(30, TimeUnit.SECONDS) ? out : null;
  }

  /**
   * {@code cl_status ARGS}' answer, stripped; empty or null when Heartbeat's API does not answer
   * (before its communication is up, it refuses clients).
   */
  String clStatus(final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of("cl_status"));
    command.addAll(List.of(args));
    final String out = exec(command.toArray(new String[0]));
    return out == null ? null : out.strip();
  }

  /** Runs Heartbeat's {@code hb_standby} or {@code hb_takeover} ({@code tool}) for {@code set}. */
  void admin(final String tool, final String set) throws Exception {
    final Process p =
        new ProcessBuilder(
                SCRIPT.toString(), "exec", work.toString(), LIB.resolve(tool).toString(), set)
            .redirectErrorStream(true)
            .start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
        () -> tool + " " + set + " on " + node + " failed:\n" + out);
  }

  /** Heartbeat's log, its standard streams and what its ResourceManager was asked. */
  String logs() {
    try {
      final Process p =
          new ProcessBuilder(SCRIPT.toString(), "logs", work.toString())
              .redirectErrorStream(true)
              .start();
      final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "(Heartbeat's logs unreadable: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted while reading Heartbeat's logs)";
    }
  }

  /** Heartbeat's own log file ({@code logfile /var/log/ha-log} in ha.cf). */
  Path haLog() {
    return work.resolve("log").resolve("ha-log");
  }

  /** Kills Heartbeat's namespaces (their init, by its recorded PID) if it was ever started. */
  void stop() throws Exception {
    if (started) {
      script("stop", work.toString());
    }
  }

  private static int script(final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    final Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
