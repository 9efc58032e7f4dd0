package io.systole.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ScriptOutput;
import io.systole.engine.resource.Scripts;
import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The notify program runs on its own thread, in journal order, and never holds the cluster up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifierTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  /** A notifier of a script with {@code body}, its output appended to {@link #out()}. */
  private Notifier notifier(final String body, final Duration timeout, final int capacity) {
    final Path script = Scripts.script(dir.resolve("notify"), "OUT=" + out() + "\n" + body);
    return new Notifier(
        "ha1",
        script.toString(),
        timeout,
        capacity,
        new ActionRunner(List.of(), dir, ScriptOutput.LOG, Duration.ofMillis(200)));
  }

  private static Entry entry(final long index, final Event event) {
    return new Entry(index, 1_000_000L * index, "ha1", event);
  }

  private List<String> lines() throws IOException {
    return Files.exists(out()) ? Files.readAllLines(out()) : List.of();
  }

  @Test
  void theProgramHearsOfEachNotifiedTransitionInJournalOrder() throws IOException {
    final Notifier n =
        notifier(
            "echo \"$SYSTOLE_INDEX $SYSTOLE_KIND $SYSTOLE_EVENT $SYSTOLE_STATE $SYSTOLE_TARGET$SYSTOLE_GROUP $#\" >> $OUT\n",
            Duration.ofSeconds(10),
            16);
    n.offer(entry(1, new NodeUp("ha2", "eth1")));
    n.start();
    n.offer(entry(2, new NodeWarn("ha2", "eth1", 1, 2)));
    n.offer(entry(3, new NodeDead("ha2", 30_000_000, false, 0, List.of())));
    n.offer(entry(4, new GroupStart("web", Phase.SUCCEEDED, "")));
    n.close();
    assertEquals(
        List.of(
            "1 node NodeUp up ha2 0",
            "3 node NodeDead dead ha2 0",
            "4 group GroupStart started web 0"),
        lines());
    assertEquals(0, n.dropped());
  }

  @Test
  void aProgramPastItsTimeoutIsKilledAndTheNextNotificationStillRuns() throws Exception {
    final Notifier n =
        notifier(
            "if [ $SYSTOLE_INDEX = 1 ]; then echo $$ > "
                + dir.resolve("pid")
                + "; sleep 60; fi\n"
                + "echo $SYSTOLE_INDEX >> $OUT\n",
            Duration.ofMillis(500),
            16);
    n.start();
    n.offer(entry(1, new NodeUp("ha2", "eth1")));
    n.offer(entry(2, new NodeUp("ha3", "eth1")));
    final long pid = Scripts.pidIn(dir.resolve("pid"));
    n.close(Duration.ofSeconds(20));
    assertEquals(List.of("2"), lines());
    assertTrue(Scripts.goneSoon(pid), "the timed-out program was killed");
  }

  @Test
  void aFailingProgramIsSurvived() throws IOException {
    final Notifier n =
        notifier("echo $SYSTOLE_INDEX >> $OUT\nexit 3\n", Duration.ofSeconds(10), 16);
    n.start();
    n.offer(entry(1, new NodeUp("ha2", "eth1")));
    n.offer(entry(2, new NodeUp("ha3", "eth1")));
    n.close();
    assertEquals(List.of("1", "2"), lines());
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    final Notifier n =
        notifier(
            "echo $$ > " + dir.resolve("pid") + "\nsleep 60\necho $SYSTOLE_INDEX >> $OUT\n",
            Duration.ofMinutes(5),
            4);
    n.start();
    n.offer(entry(0, new NodeUp("ha2", "eth1")));
    final long pid = Scripts.pidIn(dir.resolve("pid")); // the thread is busy; the queue is empty
    for (int i = 1; i <= 7; i++) {
      n.offer(entry(i, new NodeUp("ha2", "eth1")));
    }
    assertEquals(3, n.dropped(), "four fit in the queue, three are dropped");
    n.close(Duration.ZERO);
    assertTrue(Scripts.goneSoon(pid), "closing kills the running program");
    assertEquals(List.of(), lines());
  }
}
