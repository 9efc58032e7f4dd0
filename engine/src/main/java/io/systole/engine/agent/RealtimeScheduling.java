package io.systole.engine.agent;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a daemon's heartbeat path under SCHED_RR, as Heartbeat's {@code realtime on} does, so that a
 * machine saturated by other work (a build, a runaway process) cannot delay heartbeats past
 * deadtime. The heartbeat path is every thread the daemon names {@code systole-} (rings, ticker,
 * media, control, ping) but resource actions and the other slow or outside-driven work ({@link
 * #NOT_HEARTBEAT}), and the JVM's VM thread: it brings every Java thread to a safepoint and runs
 * the serial collector there, so while it waits for a core behind a CPU hog, every heartbeat thread
 * waits too (at keepalive 4–6 ms under CPU hog and disk writes, Systole's tickers stalled for up to
 * 95 ms where keepalived, a C process, saw nothing). The JIT compiler threads stay at normal
 * priority, since a compiler thread at the same realtime priority would hold a core for a whole
 * round-robin slice (100 ms) and delay the ticker by as much. Java has no call for scheduling
 * policies: util-linux's {@code chrt} sets each thread, found by its name in {@code /proc}. It also
 * sets SCHED_RESET_ON_FORK, so threads created later (resource actions) and the programs they run
 * (agents, scripts) run at normal priority, and a resource script that spins cannot starve the
 * machine. Heartbeat also locks its memory; a JVM cannot without native code, so Systole keeps its
 * heap small instead.
 */
public final class RealtimeScheduling {
  /** Threads whose name starts so are on the heartbeat path, but for {@link #NOT_HEARTBEAT}. */
  static final String HEARTBEAT_PREFIX = "systole-";

  /**
   * Named like the heartbeat path, but doing work that may take long or that others can drive:
   * resource actions, the shutdown, fence agents, notify programs, the quorum file on shared
   * storage, and the metrics endpoint (a scraper must not get a realtime thread to spin). Names as
   * {@code /proc} shows them: cut to 15 characters.
   */
  static final List<String> NOT_HEARTBEAT =
      List.of(
          "systole-action",
          "systole-shutdown",
          "systole-fence",
          "systole-notify",
          "systole-quorum",
          "systole-metrics");

  /** The JVM's safepoint and serial-collector thread, which every Java thread waits for. */
  static final String VM_THREAD = "VM Thread";

  private static final long CHRT_TIMEOUT_SECONDS = 10;
  private static final int SCHED_RR = 2;

  private RealtimeScheduling() {}

  /**
   * Applies {@code realtime} to the heartbeat-path threads of process {@code pid} (this daemon's,
   * once its threads run) that do not run SCHED_RR yet; called again when a medium comes up, since
   * a medium that was down at start creates its I/O thread later.
   *
   * @return what happened, in an operator's words; {@link Outcome#applied} false when it could not
   */
  public static Outcome apply(final HaCf.Realtime realtime, final long pid) {
    if (!realtime.on()) {
      return new Outcome(
          false, List.of(), "realtime off: heartbeat threads run at normal priority");
    }
    final List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (final Path task : tasks) {
        final String name = comm(task);
        if (name == null || !onHeartbeatPath(name) || roundRobin(task)) {
          continue;
        }
        final String failure = chrt(realtime.priority(), task.getFileName().toString());
        if (failure != null) {
          return failed(failure);
        }
        names.add(name);
      }
    } catch (IOException e) {
      return failed("cannot list the threads of process " + pid + ": " + e.getMessage());
    }
    Collections.sort(names);
    return new Outcome(
        true,
        names,
        "realtime: "
            + (names.isEmpty() ? "no new thread" : String.join(", ", names))
            + " run SCHED_RR at priority "
            + realtime.priority()
            + " (resource actions and the JIT at normal priority)");
  }

  /** Whether the thread already runs SCHED_RR (field 41 of its stat is the policy). */
  private static boolean roundRobin(final Path task) {
    try {
      final String s = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
      // The name (field 2) may hold spaces; count from after its closing parenthesis.
      final String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(rest[41 - 3]) == SCHED_RR;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static boolean onHeartbeatPath(final String threadName) {
    if (threadName.equals(VM_THREAD)) {
      return true;
    }
    if (!threadName.startsWith(HEARTBEAT_PREFIX)) {
      return false;
    }
    for (final String not : NOT_HEARTBEAT) {
      if (threadName.startsWith(not)) {
        return false;
      }
    }
    return true;
  }

  /** A thread's name (Linux keeps 15 characters of it), or null if it has ended. */
  private static String comm(final Path task) {
    try {
      return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  /** Sets one thread; null on success, else why not. */
  private static String chrt(final int priority, final String tid) {
    final List<String> command =
        List.of("chrt", "--rr", "--reset-on-fork", "--pid", Integer.toString(priority), tid);
    try {
      final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      final String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "chrt did not finish in " + CHRT_TIMEOUT_SECONDS + " s";
      }
      return p.exitValue() == 0 ? null : "chrt exited " + p.exitValue() + ": " + said.strip();
    } catch (IOException e) {
      return "cannot run chrt (util-linux): " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while chrt ran";
    }
  }

  private static Outcome failed(final String why) {
    return new Outcome(
        false,
        List.of(),
        "realtime: "
            + why
            + "; heartbeats may be late on a busy machine: run the daemon as root (or with"
            + " CAP_SYS_NICE), or set realtime off to run at normal priority on purpose");
  }

  /**
   * What {@link #apply} did.
   *
   * @param applied whether the heartbeat threads now run SCHED_RR
   * @param threads the threads this call set (those already set are left out)
   * @param message the operator's log line
   */
  public record Outcome(boolean applied, List<String> threads, String message) {
    /** Copies the names. */
    public Outcome {
      threads = List.copyOf(threads);
    }
  }
}
