package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalReader;
import io.systole.journal.event.Event;
import java.util.concurrent.TimeUnit;

/**
 * A read-only view of a journal whose readers step a {@link Progress} for each entry or frame they
 * hand out: how {@code audit} shows progress while the {@link io.systole.journal.audit.Auditor},
 * which takes a whole journal, walks it.
 */
final class ProgressJournal implements Journal {
  private final Journal journal;
  private final Progress progress;

  /** {@code journal}, stepping {@code progress} as it is read. */
  ProgressJournal(final Journal journal, final Progress progress) {
    this.journal = journal;
    this.progress = progress;
  }

  @Override
  public String node() {
    return journal.node();
  }

  @Override
  public long append(final Event event) {
    throw new UnsupportedOperationException("a progress view is read-only");
  }

  @Override
  public long append(final long timeMicros, final Event event) {
    throw new UnsupportedOperationException("a progress view is read-only");
  }

  @Override
  public byte[] headDigest() {
    return journal.headDigest();
  }

  @Override
  public long firstIndex() {
    return journal.firstIndex();
  }

  @Override
  public long lastIndex() {
    return journal.lastIndex();
  }

  @Override
  public JournalReader reader(final long fromIndex) {
    final JournalReader reader = journal.reader(fromIndex);
    return new JournalReader() {
      @Override
      public Entry poll() {
        final Entry e = reader.poll();
        if (e != null) {
          progress.step();
        }
        return e;
      }

      @Override
      public Entry next(final long timeout, final TimeUnit unit) throws InterruptedException {
        final Entry e = reader.next(timeout, unit);
        if (e != null) {
          progress.step();
        }
        return e;
      }

      @Override
      public boolean pollFrame(final FrameHandler handler) {
        final boolean read = reader.pollFrame(handler);
        if (read) {
          progress.step();
        }
        return read;
      }

      @Override
      public long nextIndex() {
        return reader.nextIndex();
      }

      @Override
      public void close() {
        progress.clear();
        reader.close();
      }
    };
  }

  @Override
  public void close() {
    journal.close();
  }
}
