package io.systole.engine.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quorum file's lock against another process that holds it (python's {@code fcntl.lockf}, the
 * same POSIX lock): one holder at a time, the lock passes on when the holder ends, and only changes
 * are reported.
 */
class QuorumFileTest {
  @TempDir Path tmp;

  private final List<String> reports = new ArrayList<>();

  private QuorumFile quorumFile(final Path file) {
    return new QuorumFile(file, 100, (f, held, detail) -> reports.add(held + " " + detail));
  }

  /** Another process holding the lock on {@code file} until it is destroyed. */
  private static Process holder(final Path file) throws Exception {
    final Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import fcntl, sys\n"
                    + "f = open(sys.argv[1], 'a')\n"
                    + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                    + "print('locked', flush=True)\n"
                    + "sys.stdin.read()\n",
                file.toString())
            .redirectErrorStream(true)
            .start();
    final BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("locked", out.readLine());
    return p;
  }

  @Test
  void aFreeLockIsTakenAndReportedOnce() {
    final QuorumFile q = quorumFile(tmp.resolve("quorum"));
    try {
      q.tryOnce();
      q.tryOnce();
      assertTrue(q.held());
      assertEquals(1, reports.size(), reports::toString);
      assertTrue(reports.get(0).startsWith("true this node holds the lock"), reports::toString);
    } finally {
      q.close();
    }
  }

  @Test
  void aLockHeldElsewhereIsTakenOnceItsHolderEnds() throws Exception {
    final Path file = tmp.resolve("quorum");
    final Process other = holder(file);
    final QuorumFile q = quorumFile(file);
    try {
      q.tryOnce();
      q.tryOnce();
      assertFalse(q.held());
      assertEquals(
          List.of("false another node holds the lock on the quorum file " + file), reports);
      other.destroyForcibly();
      assertTrue(other.waitFor(10, TimeUnit.SECONDS));
      q.tryOnce();
      assertTrue(q.held());
      assertEquals(2, reports.size(), reports::toString);
    } finally {
      other.destroyForcibly();
      q.close();
    }
  }

  @Test
  void whileHeldHereNoOtherProcessGetsIt() throws Exception {
    final Path file = tmp.resolve("quorum");
    final QuorumFile q = quorumFile(file);
    try {
      q.tryOnce();
      assertTrue(q.held());
      final Process probe =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import fcntl, sys\n"
                      + "f = open(sys.argv[1], 'a')\n"
                      + "try:\n"
                      + "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                      + "    print('got it')\n"
                      + "except OSError:\n"
                      + "    print('held elsewhere')\n",
                  file.toString())
              .redirectErrorStream(true)
              .start();
      final String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("held elsewhere", said.strip());
    } finally {
      q.close();
    }
    assertFalse(q.held(), "closing releases it");
  }

  @Test
  void aFileThatCannotBeOpenedIsNotHeldAndSaysWhy() {
    final QuorumFile q = quorumFile(tmp.resolve("no-such-dir").resolve("quorum"));
    try {
      q.tryOnce();
      assertFalse(q.held());
      assertEquals(1, reports.size());
      assertTrue(reports.get(0).startsWith("false the quorum file "), reports::toString);
      assertTrue(reports.get(0).contains("cannot be locked"), reports::toString);
    } finally {
      q.close();
    }
  }
}
