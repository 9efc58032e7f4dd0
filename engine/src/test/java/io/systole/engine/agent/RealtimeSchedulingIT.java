package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code realtime on} on this very JVM: threads named like the heartbeat path get SCHED_RR at the
 * priority asked, action threads and the JVM's own do not, and a thread a realtime thread creates
 * later runs at normal priority (reset-on-fork). Needs root (CI runs as root), like the daemon.
 */
class RealtimeSchedulingIT {
  private static final int SCHED_OTHER = 0;
  private static final int SCHED_RR = 2;

  private final CountDownLatch end = new CountDownLatch(1);
  private final CountDownLatch spawn = new CountDownLatch(1);
  private final AtomicReference<Thread> child = new AtomicReference<>();

  @AfterEach
  void endThreads() {
    end.countDown();
    spawn.countDown();
  }

  private Thread parked(final String name, final Runnable beforeParking) {
    final Thread t =
        new Thread(
            () -> {
              try {
                beforeParking.run();
                end.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void theHeartbeatPathRunsRoundRobinAndNothingElse() throws Exception {
    parked(
        "systole-probe",
        () -> {
          try {
            spawn.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          child.set(parked("later-child", () -> {}));
        });
    parked("systole-action-99", () -> {});
    final long pid = ProcessHandle.current().pid();
    // A started thread shows its name in /proc a moment later: wait for both.
    awaitThread(pid, "systole-probe", true);
    awaitThread(pid, "systole-action-", true);
    awaitThread(pid, "later-child", false);

    final RealtimeScheduling.Outcome o = RealtimeScheduling.apply(new HaCf.Realtime(true, 7), pid);
    assertTrue(o.applied(), o.message());
    assertTrue(o.message().contains("systole-probe"), o.message());
    assertEquals(SCHED_RR, stat(task(pid, "systole-probe"), 41));
    assertEquals(7, stat(task(pid, "systole-probe"), 40));
    assertEquals(SCHED_OTHER, stat(task(pid, "systole-action-"), 41), "actions stay normal");
    assertEquals(SCHED_OTHER, stat(task(pid, "C1 CompilerThre"), 41), "the JIT stays normal");
    assertEquals(SCHED_RR, stat(task(pid, "VM Thread"), 41), "safepoints wait for no hog");

    spawn.countDown();
    awaitThread(pid, "later-child", true);
    assertEquals(SCHED_OTHER, stat(task(pid, "later-child"), 41), "created later: normal");

    final RealtimeScheduling.Outcome again =
        RealtimeScheduling.apply(new HaCf.Realtime(true, 7), pid);
    assertTrue(again.applied(), again.message());
    assertEquals(java.util.List.of(), again.threads(), "those already set are left alone");
  }

  @Test
  void offLeavesThePolicyAlone() throws Exception {
    parked("systole-idle", () -> {});
    final long pid = ProcessHandle.current().pid();
    awaitThread(pid, "systole-idle", true);
    final RealtimeScheduling.Outcome o = RealtimeScheduling.apply(new HaCf.Realtime(false, 7), pid);
    assertFalse(o.applied());
    assertEquals(SCHED_OTHER, stat(task(pid, "systole-idle"), 41));
  }

  @Test
  void aFailureSaysWhatToDo() {
    final RealtimeScheduling.Outcome o =
        RealtimeScheduling.apply(new HaCf.Realtime(true, 7), Integer.MAX_VALUE);
    assertFalse(o.applied());
    assertTrue(o.message().contains("set realtime off"), o.message());
    assertTrue(o.message().contains("cannot list the threads"), o.message());
  }

  @Test
  void onlyTheDaemonsOwnThreadsAreOnTheHeartbeatPath() {
    assertTrue(RealtimeScheduling.onHeartbeatPath("systole-udp-1-1"));
    assertTrue(RealtimeScheduling.onHeartbeatPath("systole-ticker"));
    assertFalse(RealtimeScheduling.onHeartbeatPath("systole-action-3"));
    for (final String slow :
        List.of("systole-fence", "systole-notify", "systole-quorum-", "systole-metrics")) {
      assertFalse(RealtimeScheduling.onHeartbeatPath(slow), slow);
    }
    assertTrue(RealtimeScheduling.onHeartbeatPath("systole-ping"));
    assertTrue(RealtimeScheduling.onHeartbeatPath("VM Thread"), "safepoints and the serial GC");
    assertFalse(RealtimeScheduling.onHeartbeatPath("C1 CompilerThre"));
    assertFalse(RealtimeScheduling.onHeartbeatPath("VM Periodic Tas"));
  }

  private static void awaitThread(final long pid, final String prefix, final boolean present)
      throws Exception {
    for (int i = 0; i < 500 && (task(pid, prefix) != null) != present; i++) {
      Thread.sleep(10);
    }
    assertEquals(present, task(pid, prefix) != null, prefix);
  }

  /** The task directory of the first thread whose name starts with {@code prefix}, or null. */
  private static Path task(final long pid, final String prefix) throws IOException {
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (final Path t : tasks) {
        if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
          return t;
        }
      }
    }
    return null;
  }

  /** A field of the thread's stat: 41 is the policy, 40 the realtime priority. */
  private static int stat(final Path task, final int field) throws IOException {
    final String s = Files.readString(task.resolve("stat"));
    // The name (field 2) may hold spaces; count from after its closing parenthesis.
    final String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(rest[field - 3]);
  }
}
