package io.systole.engine.notify;

import io.systole.journal.Entry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue of journal entries from one producer thread (the cluster logic) to one consumer
 * thread (the notifier), lock-free and allocation-free: a full queue refuses the entry at once
 * instead of making the producer wait. Each slot is written before the producer's release of the
 * tail and cleared before the consumer's release of the head, so neither side reads a slot the
 * other is still writing.
 */
final class EntryQueue {
  private final Entry[] slots;
  private final int mask;

  /** The next sequence to take; written by the consumer only. */
  private final AtomicLong head = new AtomicLong();

  /** The next sequence to fill; written by the producer only. */
  private final AtomicLong tail = new AtomicLong();

  /** A queue of {@code capacity} entries, a power of two. */
  EntryQueue(final int capacity) {
    if (capacity < 1 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(capacity + " is not a power of two");
    }
    slots = new Entry[capacity];
    mask = capacity - 1;
  }

  /** Adds {@code entry}, or returns false when the queue is full; producer thread only. */
  boolean offer(final Entry entry) {
    final long t = tail.get();
    if (t - head.get() >= slots.length) {
      return false;
    }
    slots[(int) t & mask] = entry;
    tail.lazySet(t + 1);
    return true;
  }

  /** The oldest entry, or null when the queue is empty; consumer thread only. */
  Entry poll() {
    final long h = head.get();
    if (h == tail.get()) {
      return null;
    }
    final int i = (int) h & mask;
    final Entry entry = slots[i];
    slots[i] = null;
    head.lazySet(h + 1);
    return entry;
  }

  /** How many entries fit. */
  int capacity() {
    return slots.length;
  }

  /** How many entries wait; exact only on a quiet queue. */
  int size() {
    return (int) (tail.get() - head.get());
  }
}
