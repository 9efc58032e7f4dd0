package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The entries of several nodes' journals in one cluster-wide order: by entry time, then by node
 * name, then by index. It merges the journals as they stream (one entry held per journal), so each
 * node's entries always keep their journal order: a node whose clock stepped back is not reordered
 * against itself, which its fold would not survive, and the order is exactly by time wherever each
 * journal's times only grow.
 */
final class MergedEntries implements AutoCloseable {
  /** The cluster-wide order of two entries of different nodes. */
  static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::timeMicros)
          .thenComparing(Entry::node)
          .thenComparingLong(Entry::index);

  private record Head(Entry entry, JournalReader reader) {}

  private final List<JournalReader> readers = new ArrayList<>();
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));

  /** Merges {@code journals} from their oldest stored entries. */
  MergedEntries(final List<? extends Journal> journals) {
    try {
      for (final Journal journal : journals) {
        final JournalReader reader = journal.reader(journal.firstIndex());
        readers.add(reader);
        push(reader);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The next entry in the merged order, or null after the last.
   *
   * @throws io.systole.journal.JournalFormatException when a journal's next entry cannot be read
   */
  Entry next() {
    final Head head = heads.poll();
    if (head == null) {
      return null;
    }
    push(head.reader());
    return head.entry();
  }

  private void push(final JournalReader reader) {
    final Entry entry = reader.poll();
    if (entry != null) {
      heads.add(new Head(entry, reader));
    }
  }

  @Override
  public void close() {
    readers.forEach(JournalReader::close);
  }
}
