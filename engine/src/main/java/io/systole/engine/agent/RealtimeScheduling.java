package io.systole.engine.agent;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a daemon's threads under SCHED_RR, as Heartbeat's {@code realtime on} does, so that a
 * machine saturated by other work (a build, a runaway process) cannot delay heartbeats past
 * deadtime. Java has no call for scheduling policies; util-linux's {@code chrt} sets them on every
 * thread of the process that exists at that moment. It also sets SCHED_RESET_ON_FORK, so threads
 * created later (resource actions) and the programs they run (agents, scripts) run at normal
 * priority: only the heartbeat path is realtime, and a resource script that spins cannot starve the
 * machine. Heartbeat also locks its memory; a JVM cannot without native code, so Systole keeps its
 * heap small instead.
 */
public final class RealtimeScheduling {
  private static final long CHRT_TIMEOUT_SECONDS = 10;

  private RealtimeScheduling() {}

  /**
   * Applies {@code realtime} to every thread of process {@code pid} (this daemon's, once its
   * threads run).
   *
   * @return what happened, in an operator's words; {@link Outcome#applied} false when it could not
   */
  public static Outcome apply(final HaCf.Realtime realtime, final long pid) {
    if (!realtime.on()) {
      return new Outcome(false, "realtime off: heartbeat threads run at normal priority");
    }
    final List<String> command =
        List.of(
            "chrt",
            "--rr",
            "--all-tasks",
            "--reset-on-fork",
            "--pid",
            Integer.toString(realtime.priority()),
            Long.toString(pid));
    try {
      final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      final String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return failed("chrt did not finish in " + CHRT_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        return failed("chrt exited " + p.exitValue() + ": " + said.strip());
      }
      return new Outcome(
          true,
          "realtime: threads run SCHED_RR at priority "
              + realtime.priority()
              + " (resource actions at normal priority)");
    } catch (IOException e) {
      return failed("cannot run chrt (util-linux): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while chrt ran");
    }
  }

  private static Outcome failed(final String why) {
    return new Outcome(
        false,
        "realtime: "
            + why
            + "; heartbeats may be late on a busy machine: run the daemon as root (or with"
            + " CAP_SYS_NICE), or set realtime off to run at normal priority on purpose");
  }

  /**
   * What {@link #apply} did.
   *
   * @param applied whether the threads now run SCHED_RR
   * @param message the operator's log line
   */
  public record Outcome(boolean applied, String message) {}
}
