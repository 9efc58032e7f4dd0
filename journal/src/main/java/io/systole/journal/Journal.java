package io.systole.journal;

import io.systole.journal.event.Event;

/**
 * An append-only, hash-chained log of one node's transitions. One thread appends (the cluster
 * logic); any number of readers, in this process or another, read forward and follow the tail.
 * Indexes are dense and start at 0. Every entry carries a digest chained to the one before it, so
 * that {@link io.systole.journal.audit.Auditor} can prove the journal complete and unchanged.
 */
public interface Journal extends AutoCloseable {
  /** The index {@link #lastIndex()} returns for an empty journal. */
  long NONE = -1L;

  /** The node whose journal this is: the writer of every entry appended through it. */
  String node();

  /**
   * Appends {@code event} stamped with the journal's clock.
   *
   * @return the index of the new entry
   */
  long append(Event event);

  /**
   * Appends {@code event} stamped with {@code timeMicros} (epoch microseconds).
   *
   * @return the index of the new entry
   */
  long append(long timeMicros, Event event);

  /**
   * A copy of the chain digest of the newest entry (all zeros for an empty journal): what the next
   * entry chains to, and what a signed checkpoint signs. Only a journal that appends knows it.
   *
   * @throws IllegalStateException for a read-only journal
   */
  byte[] headDigest();

  /** The index of the oldest entry still stored, or {@link #NONE} when the journal is empty. */
  long firstIndex();

  /** The index of the newest entry, or {@link #NONE} when the journal is empty. */
  long lastIndex();

  /**
   * A reader positioned at {@code fromIndex}. A reader keeps following the tail: entries appended
   * after it was created are read in turn. An index older than {@link #firstIndex()} (removed by
   * retention) starts at the oldest stored entry.
   *
   * @throws IllegalArgumentException when {@code fromIndex} is past {@code lastIndex() + 1}
   */
  JournalReader reader(long fromIndex);

  /** Releases the store; entries already appended stay readable by the next open. */
  @Override
  void close();
}
