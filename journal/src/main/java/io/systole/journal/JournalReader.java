package io.systole.journal;

import java.util.concurrent.TimeUnit;

/**
 * Reads a journal forward, one entry at a time, and follows its tail. Every entry is verified
 * against its checksum and its place before it is decoded; a damaged entry raises {@link
 * JournalCorruptException} and an unknown one {@link JournalFormatException}, never garbage; the
 * entry is consumed, so the next call reads the one after it. Damage to the store itself, past
 * which nothing can be read, raises the same exception on every later call.
 */
public interface JournalReader extends AutoCloseable {
  /**
   * The next entry, or {@code null} when the reader has caught up with the tail.
   *
   * @throws JournalFormatException when the next entry cannot be read
   */
  Entry poll();

  /**
   * The next entry, waiting up to {@code timeout} for one to be appended.
   *
   * @return the entry, or {@code null} when none arrived in time
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Entry next(long timeout, TimeUnit unit) throws InterruptedException;

  /**
   * Hands the next stored frame, undecoded and unverified, to {@code handler}: the raw path for the
   * auditor, which reports damage instead of throwing.
   *
   * @return {@code false} when the reader has caught up with the tail
   */
  boolean pollFrame(FrameHandler handler);

  /** The index the next call will return. */
  long nextIndex();

  @Override
  void close();

  /** Receives a stored frame: its bytes are valid only during the call. */
  @FunctionalInterface
  interface FrameHandler {
    /**
     * One frame.
     *
     * @param position the index the frame should have, from its place in the store
     * @param buffer holds the frame from offset 0
     * @param length the frame's length in bytes
     */
    void onFrame(long position, byte[] buffer, int length);
  }
}
