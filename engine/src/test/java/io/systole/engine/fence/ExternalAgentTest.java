package io.systole.engine.fence;

import static io.systole.engine.resource.Scripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ScriptOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External STONITH programs and plugins run as real processes. */
class ExternalAgentTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private ActionRunner runner() {
    return new ActionRunner(List.of(), dir, ScriptOutput.LOG, Duration.ofMillis(500));
  }

  private ExternalAgent program(final Path exe, final String... args) {
    return ExternalAgent.program(exe, List.of(args), runner());
  }

  @Test
  void theProgramGetsTheVerbFirstThenTheNodeThenItsArguments() throws Exception {
    final Path seen = dir.resolve("seen");
    final Path exe = script(dir.resolve("fence"), "echo \"$@\" > " + seen + "\n");
    final FenceOutcome o = program(exe, "lan", "x").run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertTrue(o.success(), o.detail());
    assertEquals("reset ha2 lan x", Files.readString(seen).strip());
    assertTrue(program(exe).run(FenceVerb.OFF, "ha2", TIMEOUT).success());
    assertEquals("off ha2", Files.readString(seen).strip());
  }

  @Test
  void aNonZeroExitFailsWithTheLastLineOfStderr() {
    final Path exe =
        script(dir.resolve("fence"), "echo trying >&2\necho 'no route to host' >&2\nexit 1\n");
    final FenceOutcome o = program(exe).run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertFalse(o.success());
    assertEquals("external " + exe + " reset exited 1: no route to host", o.detail());
  }

  @Test
  void aSilentFailureSaysSo() {
    final Path exe = script(dir.resolve("fence"), "exit 3\n");
    assertEquals(
        "external " + exe + " reset exited 3 (nothing on stderr)",
        program(exe).run(FenceVerb.RESET, "ha2", TIMEOUT).detail());
  }

  @Test
  void aHungProgramIsKilledAndFails() {
    final Path exe = script(dir.resolve("fence"), "sleep 300\n");
    final FenceOutcome o = program(exe).run(FenceVerb.RESET, "ha2", Duration.ofSeconds(1));
    assertFalse(o.success());
    assertEquals("external " + exe + " reset: timed out after 1 s", o.detail());
  }

  @Test
  void aMissingProgramFailsAndSaysWhatToDo() {
    final Path exe = dir.resolve("absent");
    final FenceOutcome o = program(exe).run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertFalse(o.success());
    assertEquals(
        "external "
            + exe
            + ": "
            + exe
            + " does not exist: install it, or fix the stonith line in ha.cf",
        o.detail());
  }

  @Test
  void aProgramThatIsNotExecutableFailsAndSaysChmod() throws Exception {
    final Path exe = Files.writeString(dir.resolve("plain"), "#!/bin/sh\nexit 0\n");
    final FenceOutcome o = program(exe).run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertFalse(o.success());
    assertTrue(o.detail().endsWith("is not executable: chmod +x " + exe), o.detail());
  }

  @Test
  void aRelativeProgramIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ExternalAgent.program(Path.of("fence"), List.of(), runner()));
  }

  @Test
  void aPluginGetsItsParametersInTheVariablesItNames() throws Exception {
    final Path seen = dir.resolve("seen");
    script(
        dir.resolve("plugins/ipmi"),
        "case $1 in\n"
            + "getconfignames) echo hostname ipaddr; echo userid;;\n"
            + "*) echo \"$1 $2 $hostname $ipaddr $userid\" > "
            + seen
            + ";;\n"
            + "esac\n");
    final ExternalAgent agent =
        ExternalAgent.plugin(
            "ipmi", dir.resolve("plugins"), List.of("ha2", "10.0.0.2", "admin"), runner());
    assertEquals("external/ipmi", agent.describe());
    assertTrue(agent.run(FenceVerb.RESET, "ha2", TIMEOUT).success());
    assertEquals("reset ha2 ha2 10.0.0.2 admin", Files.readString(seen).strip());
  }

  @Test
  void aPluginGivenMoreParametersThanItNamesFailsAndSaysWhichItTakes() {
    script(dir.resolve("plugins/ssh"), "echo hostlist\n");
    final FenceOutcome o =
        ExternalAgent.plugin("ssh", dir.resolve("plugins"), List.of("ha2", "extra"), runner())
            .run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertFalse(o.success());
    assertEquals(
        "external/ssh takes 1 parameters (hostlist), ha.cf gives 2: fix its stonith_host line",
        o.detail());
  }

  @Test
  void aPluginThatCannotNameItsParametersFails() {
    script(dir.resolve("plugins/bad"), "echo 'unknown action' >&2\nexit 2\n");
    final FenceOutcome o =
        ExternalAgent.plugin("bad", dir.resolve("plugins"), List.of(), runner())
            .run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertEquals("external/bad getconfignames exited 2: unknown action", o.detail());
  }

  @Test
  void aPluginNameThatIsAPathIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ExternalAgent.plugin("../../bin/sh", dir, List.of(), runner()));
  }
}
