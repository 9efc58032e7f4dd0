package io.systole.tools;

import io.systole.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the journals of several nodes for a tool that shows them side by side: each must be one
 * {@link NonEmptyJournal} accepts, and no node may come twice, since a node's entries are one lane
 * (or one stream) under its name.
 */
final class NodeJournals {
  private NodeJournals() {}

  /**
   * The journals in {@code dirs}, in that order, or {@code null} after reporting, through {@code
   * options}, the first that cannot be read or is a second journal of a node (none is left open).
   */
  static List<ChronicleJournal> open(final JournalToolOptions options, final List<Path> dirs) {
    final List<ChronicleJournal> journals = new ArrayList<>();
    for (final Path dir : dirs) {
      final ChronicleJournal journal = NonEmptyJournal.open(options, dir);
      final ChronicleJournal earlier =
          journal == null
              ? null
              : journals.stream()
                  .filter(j -> j.node().equals(journal.node()))
                  .findFirst()
                  .orElse(null);
      if (journal == null || earlier != null) {
        if (earlier != null) {
          journal.close();
          options.error(
              earlier.directory()
                  + " and "
                  + dir
                  + " are both journals of node "
                  + EventText.quote(earlier.node())
                  + "; give each node's journal once",
              null);
        }
        journals.forEach(ChronicleJournal::close);
        return null;
      }
      journals.add(journal);
    }
    return journals;
  }
}
