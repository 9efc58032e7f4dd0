package io.systole.journal;

import io.systole.journal.codec.FrameDecoder;
import io.systole.journal.codec.FrameLayout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What both stores share on the read side: copy the next stored frame into a reusable buffer,
 * verify it against its checksum and its place, and decode it. A store implements {@link
 * #readFrame}. A damaged entry raises an exception and is consumed, so a tool that catches it can
 * go on with the next entry. When the store itself cannot be read past a point, the reader is
 * broken: every later call raises the same exception, so no caller loops on it unawares.
 */
public abstract class FramedJournalReader implements JournalReader {
  // A waiting follower wakes at most 100 times a second: cheap at idle, quick enough for a human.
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final FrameDecoder decoder = new FrameDecoder();
  private final byte[] buffer = new byte[FrameLayout.MAX_LENGTH];
  private long nextIndex;
  private JournalException broken;

  /** A reader whose first frame has index {@code nextIndex}. */
  protected FramedJournalReader(final long nextIndex) {
    this.nextIndex = nextIndex;
  }

  /**
   * Copies the next stored frame into {@code into}, at most its length.
   *
   * @return the frame's full length (which may exceed what was copied), or -1 when there is none
   *     yet
   */
  protected abstract int readFrame(byte[] into);

  private int readNext() {
    if (broken != null) {
      throw broken;
    }
    try {
      return readFrame(buffer);
    } catch (JournalException e) {
      broken = e;
      throw e;
    }
  }

  @Override
  public final Entry poll() {
    final int length = readNext();
    if (length < 0) {
      return null;
    }
    final long position = nextIndex++;
    return decoder.decode(position, buffer, length);
  }

  @Override
  public final Entry next(final long timeout, final TimeUnit unit) throws InterruptedException {
    final long deadline = System.nanoTime() + unit.toNanos(timeout);
    long park = 1_000L;
    while (true) {
      final Entry entry = poll();
      if (entry != null) {
        return entry;
      }
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for a journal entry");
      }
      LockSupport.parkNanos(Math.min(park, left));
      park = Math.min(park * 2, MAX_PARK_NANOS);
    }
  }

  @Override
  public final boolean pollFrame(final FrameHandler handler) {
    final int length = readNext();
    if (length < 0) {
      return false;
    }
    handler.onFrame(nextIndex++, buffer, Math.min(length, buffer.length));
    return true;
  }

  @Override
  public final long nextIndex() {
    return nextIndex;
  }
}
