package io.systole.media.serial;

import java.nio.ByteBuffer;

/**
 * The frames waiting for one serial line: a fixed ring of reusable slots, filled by any thread (the
 * engine's sender, the serial forwarders) and drained by the link's writer thread. A slot grows
 * only when a frame bigger than any before arrives, so steady sending does not allocate.
 */
final class FrameQueue {
  private static final int INITIAL_SLOT = 512;

  private final byte[][] slots;
  private final int[] lengths;
  private int head;
  private int size;

  FrameQueue(final int capacity) {
    slots = new byte[capacity][];
    lengths = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      slots[i] = new byte[INITIAL_SLOT];
    }
  }

  /** Copies {@code frame[position, limit)} into a free slot; false if all are taken. */
  synchronized boolean offer(final ByteBuffer frame) {
    if (size == slots.length) {
      return false;
    }
    final int i = (head + size) % slots.length;
    final int n = frame.remaining();
    if (slots[i].length < n) {
      slots[i] = new byte[Math.max(n, slots[i].length * 2)];
    }
    frame.get(frame.position(), slots[i], 0, n);
    lengths[i] = n;
    size++;
    notifyAll();
    return true;
  }

  /**
   * Waits up to {@code timeoutMs} for a frame; returns its slot index (read it with {@link
   * #slot(int)} and {@link #length(int)}, then {@link #release()}), or -1.
   */
  synchronized int await(final long timeoutMs) throws InterruptedException {
    if (size == 0) {
      wait(timeoutMs);
    }
    return size == 0 ? -1 : head;
  }

  byte[] slot(final int index) {
    synchronized (this) {
      return slots[index];
    }
  }

  synchronized int length(final int index) {
    return lengths[index];
  }

  /** Frees the head slot, after its frame was written or given up. */
  synchronized void release() {
    head = (head + 1) % slots.length;
    size--;
  }

  /** Wakes a writer waiting in {@link #await(long)}. */
  synchronized void wake() {
    notifyAll();
  }
}
