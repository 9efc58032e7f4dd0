package io.systole.tools;

import io.systole.journal.Journal;
import io.systole.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;

/**
 * Opens a journal that replay and merge can read: one that {@link JournalToolOptions#open} accepts
 * and that holds at least one entry, since a replay of nothing is more likely a wrong directory (a
 * node's state directory before its first start, say) than a question.
 */
final class NonEmptyJournal {
  private NonEmptyJournal() {}

  /**
   * The journal in {@code dir}, or {@code null} after reporting, through {@code options}, why it
   * cannot be read or that it is empty.
   */
  static ChronicleJournal open(final JournalToolOptions options, final Path dir) {
    final ChronicleJournal journal = options.open(dir);
    if (journal != null && journal.firstIndex() == Journal.NONE) {
      journal.close();
      options.error(
          dir
              + " is a journal with no entries (node "
              + EventText.quote(journal.node())
              + "); give a journal the daemon has written to",
          null);
      return null;
    }
    return journal;
  }
}
