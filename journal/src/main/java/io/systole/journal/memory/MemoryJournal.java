package io.systole.journal.memory;

import io.systole.journal.EpochMicrosClock;
import io.systole.journal.FramedJournal;
import io.systole.journal.FramedJournalReader;
import io.systole.journal.JournalReader;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A journal held in memory, for tests and the deterministic simulation. It stores the same
 * verified, chained frames as the Chronicle store, so everything that reads or audits a journal
 * behaves the same on both. Appends come from one thread; readers may run on others.
 */
public final class MemoryJournal extends FramedJournal {
  private final List<byte[]> frames = new ArrayList<>();

  /** An empty journal for {@code node}, stamped with the system clock. */
  public MemoryJournal(final String node) {
    this(node, EpochMicrosClock.SYSTEM);
  }

  /** An empty journal for {@code node}, stamped with {@code clock}. */
  public MemoryJournal(final String node, final EpochMicrosClock clock) {
    super(node, new FrameEncoder(node, 0, ChainHash.genesis()), clock);
  }

  @Override
  protected void store(final byte[] frame, final int length) {
    final byte[] copy = Arrays.copyOf(frame, length);
    synchronized (frames) {
      frames.add(copy);
    }
  }

  @Override
  protected String describe() {
    return "memory journal of " + node();
  }

  @Override
  public long firstIndex() {
    synchronized (frames) {
      return frames.isEmpty() ? NONE : 0;
    }
  }

  @Override
  public long lastIndex() {
    synchronized (frames) {
      return frames.size() - 1L;
    }
  }

  @Override
  public JournalReader reader(final long fromIndex) {
    ensureOpen();
    final long last = lastIndex();
    if (fromIndex > last + 1) {
      throw new IllegalArgumentException(
          "cannot read from index " + fromIndex + ": the journal ends at " + last);
    }
    return new Reader(Math.max(0, fromIndex));
  }

  @Override
  public void close() {
    markClosed();
  }

  private final class Reader extends FramedJournalReader {
    private int position;

    Reader(final long fromIndex) {
      super(fromIndex);
      this.position = (int) fromIndex;
    }

    @Override
    protected int readFrame(final byte[] into) {
      final byte[] frame;
      synchronized (frames) {
        if (position >= frames.size()) {
          return -1;
        }
        frame = frames.get(position++);
      }
      System.arraycopy(frame, 0, into, 0, Math.min(frame.length, into.length));
      return frame.length;
    }

    @Override
    public void close() {
      // nothing to release: the frames belong to the journal
    }
  }
}
