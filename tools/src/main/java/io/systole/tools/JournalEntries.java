package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.JournalFormatException;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import java.util.function.Consumer;

/**
 * One journal's entries in order, from its first, for the tools that fold them (replay, what-if):
 * draws the {@link Progress} line on a terminal and, with {@code --force}, goes past an entry that
 * cannot be read. A skipped entry is reported on stderr with the journal's directory and the
 * entry's index, and handed to the tool so that its output says, in place, that it was forced.
 * Damage past which the store reads nothing (the same entry failing again) still stops the read.
 */
final class JournalEntries implements AutoCloseable {
  private final ChronicleJournal journal;
  private final JournalReader reader;
  private final JournalToolOptions options;
  private final boolean force;
  private final Consumer<JournalFormatException> onSkip;
  private final Progress progress;
  private long lastFailed = JournalFormatException.NO_INDEX;
  private long skipped;

  /**
   * The entries of {@code journal}; with {@code force} each one that cannot be read goes to {@code
   * onSkip} and the read goes on; without, it throws as the reader does.
   */
  JournalEntries(
      final ChronicleJournal journal,
      final JournalToolOptions options,
      final String tool,
      final boolean force,
      final Consumer<JournalFormatException> onSkip) {
    this.journal = journal;
    this.reader = journal.reader(journal.firstIndex());
    this.options = options;
    this.force = force;
    this.onSkip = onSkip;
    this.progress =
        Progress.onTerminal(
            options, tool + " " + journal.node(), journal.lastIndex() - journal.firstIndex() + 1);
  }

  /**
   * The next entry, or null after the last.
   *
   * @throws JournalFormatException when an entry cannot be read, without {@code --force}
   */
  Entry next() {
    while (true) {
      try {
        final Entry e = reader.poll();
        if (e == null) {
          progress.clear();
        } else {
          progress.step();
        }
        return e;
      } catch (JournalFormatException e) {
        progress.clear();
        if (!force || e.index() == JournalFormatException.NO_INDEX || e.index() == lastFailed) {
          throw e;
        }
        lastFailed = e.index();
        skipped++;
        options.error(
            "--force: skipped entry "
                + e.index()
                + " of "
                + journal.directory()
                + ", which cannot be read: "
                + e.getMessage(),
            e);
        onSkip.accept(e);
      }
    }
  }

  /** How many entries were skipped. */
  long skipped() {
    return skipped;
  }

  @Override
  public void close() {
    progress.clear();
    reader.close();
  }
}
