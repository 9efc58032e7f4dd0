package io.systole.engine.resource;

import static io.systole.engine.resource.Scripts.invocation;
import static io.systole.engine.resource.Scripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.resource.ActionResult.Status;
import io.systole.engine.resource.Scripts.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource programs run as real processes: exit codes, status text, output, timeouts, kills. */
class ActionRunnerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final Scripts.Recording output = new Scripts.Recording();

  private ActionRunner runner() {
    return new ActionRunner(List.of(), dir, output, Duration.ofMillis(500));
  }

  @Test
  void anExitCodeDecidesStartAndStop() {
    final Path ok = script(dir.resolve("ok"), "exit 0\n");
    final Path bad = script(dir.resolve("bad"), "exit 1\n");
    assertEquals(ActionResult.success(), runner().run(invocation(ok, Verb.START), TIMEOUT));
    assertEquals(
        new ActionResult(Status.FAILED, 1, "exit 1 (generic or unspecified error)"),
        runner().run(invocation(bad, Verb.STOP), TIMEOUT));
  }

  @Test
  void aScriptsStatusIsReadFromItsOutput() {
    final Path says = script(dir.resolve("says"), "echo 'web (pid 42) is running...'\nexit 3\n");
    final Path silent = script(dir.resolve("silent"), "exit 0\n");
    final Path not = script(dir.resolve("not"), "echo 'web is not running'\nexit 0\n");
    assertEquals(Status.OK, runner().run(invocation(says, Verb.STATUS), TIMEOUT).status());
    assertEquals(
        Status.NOT_RUNNING, runner().run(invocation(silent, Verb.STATUS), TIMEOUT).status());
    assertEquals(Status.NOT_RUNNING, runner().run(invocation(not, Verb.STATUS), TIMEOUT).status());
    assertEquals(Status.OK, runner().run(invocation(silent, Verb.MONITOR), TIMEOUT).status());
    assertEquals(Status.NOT_RUNNING, runner().run(invocation(not, Verb.MONITOR), TIMEOUT).status());
  }

  @Test
  void outputReachesTheLogLineByLineTaggedWithGroupResourceAndAction() {
    final Path chatty =
        script(
            dir.resolve("chatty"),
            "echo \"starting on $HA_CURHOST\"\necho 'a warning' >&2\nprintf 'no end'\n");
    runner().run(invocation(chatty, Verb.START), TIMEOUT);
    assertEquals(
        List.of(
            new Line("[g] r start", "stdout", "starting on ha1", false),
            new Line("[g] r start", "stdout", "no end", false),
            new Line("[g] r start", "stderr", "a warning", false)),
        output.lines());
  }

  @Test
  void aMonitorThatFindsItRunningIsRoutine() {
    final Path says = script(dir.resolve("says"), "echo running\n");
    runner().run(invocation(says, Verb.MONITOR), TIMEOUT);
    assertEquals(List.of(new Line("[g] r status", "stdout", "running", true)), output.lines());
  }

  @Test
  void floodsAreCut() {
    final Path flood = script(dir.resolve("flood"), "seq 1 2000\n");
    assertTrue(runner().run(invocation(flood, Verb.START), TIMEOUT).ok());
    final List<Line> lines = output.lines();
    assertEquals(ActionRunner.MAX_LOGGED_LINES + 1, lines.size());
    assertEquals("(more output, not logged)", lines.get(lines.size() - 1).line());
  }

  @Test
  void theProgramLeadsItsOwnProcessGroup() throws Exception {
    final Path pid = dir.resolve("pid");
    final Path pgid = dir.resolve("pgid");
    final Path s =
        script(
            dir.resolve("group"),
            "echo $$ > " + pid + "\nps -o pgid= -p $$ | tr -d ' ' > " + pgid + "\n");
    assertTrue(runner().run(invocation(s, Verb.START), TIMEOUT).ok());
    assertEquals(Files.readString(pid).strip(), Files.readString(pgid).strip());
  }

  @Test
  void aHungScriptAndTheChildrenItForkedAreKilledAndItFails() throws Exception {
    final Path self = dir.resolve("self.pid");
    final Path child = dir.resolve("child.pid");
    final Path stubborn = dir.resolve("stubborn.pid");
    final Path hung =
        script(
            dir.resolve("hung"),
            "echo $$ > "
                + self
                + "\nsleep 300 &\necho $! > "
                + child
                + "\nsh -c 'trap \"\" TERM; echo $$ > "
                + stubborn
                + "; while :; do sleep 1; done' &\necho hanging\nwait\n");
    final long before = System.nanoTime();
    final ActionResult r = runner().run(invocation(hung, Verb.START), Duration.ofSeconds(1));
    final long tookMs = (System.nanoTime() - before) / 1_000_000;
    assertEquals(ActionResult.failure("timed out after 1 s"), r);
    assertTrue(tookMs < 15_000, "took " + tookMs + " ms");
    for (final Path p : List.of(self, child, stubborn)) {
      final long pid = Scripts.pidIn(p);
      assertTrue(Scripts.goneSoon(pid), p.getFileName() + " " + pid + " is still there");
    }
    assertEquals(
        List.of(new Line("[g] r start", "stdout", "hanging", false)),
        output.lines(),
        "what it wrote before it was killed is logged");
  }

  @Test
  void aServiceThatKeepsTheScriptsOutputOpenDoesNotHoldTheActionNorDie() throws Exception {
    final Path service = dir.resolve("service.pid");
    final Path start =
        script(
            dir.resolve("start"),
            "setsid sh -c 'echo $$ > "
                + service
                + "; while :; do echo tick; sleep 1; done' &\n"
                + "echo started\n");
    final ActionResult r = runner().run(invocation(start, Verb.START), Duration.ofSeconds(10));
    assertEquals(ActionResult.success(), r, "ended when the script did, not when the service");
    final long pid = Scripts.pidIn(service);
    try {
      Thread.sleep(1500); // the service writes again, into the deleted file: no broken pipe
      assertFalse(Scripts.gone(pid), "the service the script started runs on");
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    assertTrue(Scripts.goneSoon(pid));
  }

  @Test
  void aProgramThatCannotRunFails() throws IOException {
    final Path notExecutable = Files.writeString(dir.resolve("plain"), "exit 0\n");
    final ActionResult r = runner().run(invocation(notExecutable, Verb.START), TIMEOUT);
    assertEquals(Status.FAILED, r.status());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(
          List.of(notExecutable), left.toList(), "the output files are gone after each action");
    }
  }

  @Test
  void theDefaultRunnerLogsThroughSlf4jAndKeepsNothing() {
    final Path ok = script(dir.resolve("ok"), "echo started\necho warned >&2\n");
    assertEquals(
        ActionResult.success(), new ActionRunner().run(invocation(ok, Verb.START), TIMEOUT));
  }

  @Test
  void durationsAreShownInSecondsOrMilliseconds() {
    assertEquals("20 s", ActionRunner.seconds(Duration.ofSeconds(20)));
    assertEquals("1.5 s", ActionRunner.seconds(Duration.ofMillis(1500)));
    assertEquals("250 ms", ActionRunner.seconds(Duration.ofMillis(250)));
  }
}
