package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every journal tool does with a path that is not a journal: exit 2, one clear line. */
class JournalToolErrorsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"audit", "dump", "merge", "replay"})
  void directoryThatIsNotAJournalIsAUsageErrorWithoutStackTrace(final String tool) {
    final Path dir = SampleJournals.notAJournal(tmp.resolve("etc"));
    final Systole.Result r = Systole.journal(2, tool, dir);
    assertEquals("", r.out());
    final String err = r.err().strip();
    assertTrue(
        err.startsWith("systole journal " + tool + ": " + dir + " is not a Systole journal"), err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);

    final Systole.Result verbose = Systole.journal(2, tool, dir, "--verbose");
    assertTrue(verbose.err().contains("\tat io.systole.journal"), verbose::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"audit", "dump", "merge", "replay"})
  void missingDirectoryIsAUsageError(final String tool) {
    final Systole.Result r = Systole.journal(2, tool, tmp.resolve("nope"));
    assertTrue(r.err().contains("nope is not a directory"), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"audit", "dump", "merge", "replay"})
  void withoutADirectoryItIsAUsageError(final String tool) {
    final Systole.Result r = Systole.run("journal", tool);
    assertEquals(2, r.status(), r::toString);
    assertTrue(r.err().contains("Missing required parameter"), r::toString);
  }
}
