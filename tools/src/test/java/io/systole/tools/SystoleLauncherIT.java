package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./systole} launcher as a process (it builds the jar if it is missing). */
class SystoleLauncherIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("systole.launcher", "../systole")).toAbsolutePath().normalize();

  @TempDir Path tmp;

  /** Links into the system, removed before JUnit cleans {@link #tmp} (which warns about them). */
  private final List<Path> links = new ArrayList<>();

  @AfterEach
  void removeLinks() throws IOException {
    for (final Path link : links) {
      Files.deleteIfExists(link);
    }
  }

  private Path link(final Path link, final Path target) throws IOException {
    links.add(Files.createSymbolicLink(link, target));
    return link;
  }

  @Test
  void helpThroughASymlinkFromAnotherDirectoryListsTheCommands() throws Exception {
    final Path link = link(tmp.resolve("systole"), LAUNCHER);
    final Process p = run(tmp, List.of(link.toString(), "--help"), null);
    final String out = output(p);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Usage: systole"), out);
    assertTrue(out.matches("(?s).*\n  journal +.*\n    audit +.*\n    dump +.*"), out);
  }

  @Test
  void journalAuditRunsWithTheJvmFlagsOfTheArgfile() throws Exception {
    final Path dir = SampleJournals.write(tmp.resolve("ha1"), "ha1", SampleJournals.tamperable());
    final Process p = run(tmp, List.of(LAUNCHER.toString(), "journal", "audit", "ha1"), null);
    final String out = output(p);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("result   5 entries, chain intact"), out);
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void missingJavaIsNamedWithItsDebianPackage() throws Exception {
    final Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (final String tool : List.of("readlink", "dirname")) {
      link(bin.resolve(tool), Path.of("/usr/bin", tool));
    }
    final Process p = run(tmp, List.of("/bin/bash", LAUNCHER.toString(), "--help"), bin);
    final String out = output(p);
    assertEquals(127, p.exitValue(), out);
    assertTrue(out.contains("'java' was not found"), out);
    assertTrue(out.contains("apt-get install openjdk-17-jre-headless"), out);
  }

  private static Process run(final Path cwd, final List<String> command, final Path path)
      throws IOException {
    final ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().remove("SYSTOLE_REBUILD");
    if (path != null) {
      pb.environment().put("PATH", path.toString());
    }
    return pb.redirectErrorStream(true).start();
  }

  /** Waits (long enough for a first build) and returns what the process printed. */
  private static String output(final Process p) throws Exception {
    final byte[] bytes = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the launcher did not finish");
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
