package io.systole.engine.agent;

import io.systole.journal.Entry;
import java.util.ArrayDeque;
import java.util.List;

/** The last few journal entries, for status; written by the cluster-logic thread only. */
final class RecentEntries {
  private final int capacity;
  private final ArrayDeque<Entry> entries;

  RecentEntries(final int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  void add(final Entry e) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(e);
  }

  List<Entry> list() {
    return List.copyOf(entries);
  }
}
