package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code realtime on} on a real process: every thread it has gets SCHED_RR at the priority asked,
 * with reset-on-fork, so what it starts later runs at normal priority. Needs root (CI runs as
 * root), like the daemon.
 */
class RealtimeSchedulingIT {
  private static final int SCHED_RR = 2;

  private Process target;

  @BeforeEach
  void startTarget() throws IOException {
    // A shell with a child: the shell is the target, the child was forked before (it keeps its
    // policy), and the shell forks a new child after (which must come out normal).
    target =
        new ProcessBuilder("sh", "-c", "sleep 60 & read line; sleep 60 & echo $!; wait")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
  }

  @AfterEach
  void stopTarget() {
    target.descendants().forEach(ProcessHandle::destroyForcibly);
    target.destroyForcibly();
  }

  @Test
  void everyThreadRunsRoundRobinAtThePriorityAndWhatItStartsLaterDoesNot() throws Exception {
    final RealtimeScheduling.Outcome o =
        RealtimeScheduling.apply(new HaCf.Realtime(true, 7), target.pid());
    assertTrue(o.applied(), o.message());
    assertEquals(SCHED_RR, policy(target.pid()));
    assertEquals(7, priority(target.pid()));
    assertTrue(
        shown(target.pid()).contains("SCHED_RR|SCHED_RESET_ON_FORK"),
        "reset on fork: " + shown(target.pid()));

    target.getOutputStream().write("go\n".getBytes());
    target.getOutputStream().flush();
    final long later =
        Long.parseLong(
            new BufferedReader(
                    new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8))
                .readLine()
                .strip());
    assertEquals(0, policy(later), "a child started after runs SCHED_OTHER");
  }

  @Test
  void offLeavesThePolicyAlone() throws Exception {
    final RealtimeScheduling.Outcome o =
        RealtimeScheduling.apply(new HaCf.Realtime(false, 7), target.pid());
    assertFalse(o.applied());
    assertEquals(0, policy(target.pid()));
  }

  @Test
  void aFailureSaysWhatToDo() {
    final RealtimeScheduling.Outcome o =
        RealtimeScheduling.apply(new HaCf.Realtime(true, 7), Integer.MAX_VALUE);
    assertFalse(o.applied());
    assertTrue(o.message().contains("set realtime off"), o.message());
    assertTrue(o.message().contains("chrt exited"), o.message());
  }

  /** What chrt says of the process's policy. */
  private static String shown(final long pid) throws IOException, InterruptedException {
    final Process p = new ProcessBuilder("chrt", "-p", Long.toString(pid)).start();
    final String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  /** Field 41 of /proc/PID/stat: the policy; field 40: the realtime priority. */
  private static int policy(final long pid) throws IOException {
    return stat(pid, 41);
  }

  private static int priority(final long pid) throws IOException {
    return stat(pid, 40);
  }

  private static int stat(final long pid, final int field) throws IOException {
    final String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name (field 2) may hold spaces; count from after its closing parenthesis.
    final String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(rest[field - 3]);
  }
}
