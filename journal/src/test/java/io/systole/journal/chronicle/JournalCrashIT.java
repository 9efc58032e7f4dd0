package io.systole.journal.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.DaemonStopped;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: a child JVM appends as fast as it can and is killed with SIGKILL at a
 * random moment, 20 times. After each kill the journal reopens, every committed entry reads back
 * and verifies, the chain is intact, and the next append continues it. Each journal directory takes
 * five kills in a row, so a writer also starts on a journal its killed predecessor left. While the
 * child writes, this process follows the tail read-only, as a second process would.
 */
class JournalCrashIT {
  private static final int KILLS = 20;
  private static final int KILLS_PER_JOURNAL = 5;
  private static final long SEED = 0xDEADL;

  @TempDir Path tmp;

  @Test
  void everyCommittedEntrySurvivesSigkill() throws Exception {
    crashLoop("daily", SEED, KILLS);
  }

  /**
   * A new cycle file every second, and each kill aimed at the moment the writer rolls to the next
   * one, so that some kills land while the store creates a file.
   */
  @Test
  void everyCommittedEntrySurvivesSigkillWhileFilesRoll() throws Exception {
    crashLoop("secondly", SEED + 1, KILLS / 2);
  }

  private void crashLoop(final String roll, final long seed, final int kills) throws Exception {
    final SplittableRandom random = new SplittableRandom(seed);
    for (int kill = 0; kill < kills; kill++) {
      final Path dir = tmp.resolve(roll + "-" + kill / KILLS_PER_JOURNAL);
      final String context = roll + " kill " + kill + " (seed " + seed + ")";
      final Process child = startWriter(dir, random.nextLong(), roll);
      try {
        final BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        final String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("ready "), context + ": child said " + ready);
        final long startIndex = Long.parseLong(ready.substring(6));
        followWhileWriting(dir, startIndex, context);
        if (roll.equals("secondly")) {
          // just past the next whole second: the writer is creating that second's file
          final long millis = System.currentTimeMillis();
          Thread.sleep(1000 - millis % 1000 + random.nextLong(0, 3));
        } else {
          Thread.sleep(random.nextLong(0, 400));
        }
      } finally {
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), context + ": child did not die");
      }
      assertEquals(137, child.exitValue(), context + ": the child was killed by SIGKILL");
      verifyAndContinue(dir, context, roll);
    }
  }

  /** Reads the child's new entries from this process while it appends. */
  private static void followWhileWriting(final Path dir, final long from, final String context)
      throws InterruptedException {
    try (ChronicleJournal ro = ChronicleJournal.openReadOnly(dir);
        JournalReader r = ro.reader(from)) {
      for (int i = 0; i < 100; i++) {
        final Entry e = r.next(10, TimeUnit.SECONDS);
        assertTrue(e != null, context + ": no entry from the live writer");
        assertEquals(from + i, e.index(), context);
      }
    }
  }

  private static void verifyAndContinue(final Path dir, final String context, final String roll) {
    try (ChronicleJournal j =
        ChronicleJournal.open(dir, CrashWriter.options(new String[] {"", "", roll}))) {
      final long last = j.lastIndex();
      assertTrue(last >= 100, context + ": only " + last + " entries");
      long count = 0;
      try (JournalReader r = j.reader(0)) {
        for (Entry e = r.poll(); e != null; e = r.poll()) {
          assertEquals(count++, e.index(), context);
        }
      }
      assertEquals(last + 1, count, context + ": every entry up to the last reads back");
      final AuditReport before = Auditor.audit(j);
      assertTrue(before.intact(), context + ": " + before.summary());
      assertEquals(last + 1, j.append(new DaemonStopped("verified after " + context)));
      final AuditReport after = Auditor.audit(j);
      assertTrue(after.intact(), context + ": " + after.summary());
      assertEquals(last + 2, after.entries(), context);
      System.err.printf(
          "%s: %d entries read back and verified, chain intact, next append at %d%n",
          context, last + 1, last + 1);
    }
  }

  private static Process startWriter(final Path dir, final long seed, final String roll)
      throws Exception {
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the Chronicle flags surefire gave this JVM, not its agents or debug ports
      if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashWriter.class.getName());
    cmd.add(dir.toString());
    cmd.add(Long.toString(seed));
    cmd.add(roll);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
