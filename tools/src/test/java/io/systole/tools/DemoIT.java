package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./systole demo} for real through the launcher, as a new user would: three daemons,
 * the owner killed, the failover measured, everything stopped and (without --workdir) deleted.
 */
class DemoIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("systole.launcher", "../systole")).toAbsolutePath().normalize();
  private static final Pattern FAILOVER =
      Pattern.compile("failover: (ha\\d) -> (ha\\d) in (\\d+\\.\\d\\d) s");

  @TempDir Path tmp;

  @Test
  void theDemoFailsOverWithATimeAndLeavesNothingBehind() throws Exception {
    final String out = run("demo");
    final Matcher m = FAILOVER.matcher(out);
    assertTrue(m.find(), out);
    assertFalse(m.group(1).equals(m.group(2)), out);
    assertTrue(Double.parseDouble(m.group(3)) < 10, out);
    final Matcher gone = Pattern.compile("The journals were in (\\S+)/NODE/journal").matcher(out);
    assertTrue(gone.find(), out);
    assertFalse(Files.exists(Path.of(gone.group(1))), "the temporary directory is deleted");
    assertNoProcessMentions(gone.group(1));
  }

  @Test
  void withAWorkdirTheJournalsStayAndPassTheAudit() throws Exception {
    final Path dir = tmp.resolve("demo");
    final String out = run("demo", "--workdir", dir.toString());
    assertTrue(FAILOVER.matcher(out).find(), out);
    int crashes = 0;
    for (final String node : List.of("ha1", "ha2", "ha3")) {
      final Path journal = dir.resolve(node).resolve("journal");
      assertTrue(Files.exists(journal.resolve("journal.meta")), () -> journal + "\n" + out);
      // Exit 1 for the killed node only: its crash, nothing else, is the finding.
      final String audit = run(1, "journal", "audit", journal.toString());
      assertTrue(audit.contains("chain intact"), audit);
      for (final String line : audit.split("\n")) {
        assertTrue(!line.startsWith("finding") || line.contains(" crash: "), audit);
        crashes += line.startsWith("finding") ? 1 : 0;
      }
      assertTrue(Files.exists(dir.resolve(node).resolve("etc").resolve("ha.cf")));
    }
    assertEquals(1, crashes, "the demo kills one node once, and restarts it");
    final Path timeline = dir.resolve("timeline.html");
    assertTrue(out.contains("the timeline of all three is " + timeline), out);
    assertTrue(Files.readString(timeline).contains("data-node=\"ha3\""), "a lane per node");
    assertTrue(out.contains("audit passed; the SIGKILL shows as a crash"), out);
    assertNoProcessMentions(dir.toString());
  }

  /** Runs the launcher; it must exit 0 within 90 s (plus a first build). */
  private String run(final String... args) throws Exception {
    return run(0, args);
  }

  /** Runs the launcher; it must exit 0 or at most {@code worst} within 90 s. */
  private String run(final int worst, final String... args) throws Exception {
    final List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    // Into a file, not a pipe: a demo that hangs must not hang the test in a read.
    final Path log = Files.createTempFile(tmp, "demo", ".out");
    final ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove("SYSTOLE_REBUILD");
    final Process p = pb.start();
    final boolean done = p.waitFor(90, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    final String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, () -> "still running after 90 s:\n" + out);
    assertTrue(p.exitValue() >= 0 && p.exitValue() <= worst, "exit " + p.exitValue() + ":\n" + out);
    return out;
  }

  /** No process left whose command line names {@code dir} (daemons, services). */
  private static void assertNoProcessMentions(final String dir) throws IOException {
    final List<String> left =
        ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .map(h -> h.info().commandLine().orElse(""))
            .filter(c -> c.contains(dir))
            .toList();
    assertTrue(left.isEmpty(), () -> "left running: " + left);
  }
}
