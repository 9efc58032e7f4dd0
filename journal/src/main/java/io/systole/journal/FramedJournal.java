package io.systole.journal;

import io.systole.journal.codec.FrameEncoder;
import io.systole.journal.event.Event;

/**
 * What both stores share on the write side: encode the event into a chained frame, hand the bytes
 * to the store, and advance the chain only once the store holds them. A store implements {@link
 * #store}; a read-only journal has no encoder and refuses appends.
 */
public abstract class FramedJournal implements Journal {
  private final FrameEncoder encoder;
  private final EpochMicrosClock clock;
  private final String node;
  private boolean closed;

  /**
   * A journal that appends through {@code encoder}, or a read-only one when it is null.
   *
   * @param node the node whose journal this is
   */
  protected FramedJournal(
      final String node, final FrameEncoder encoder, final EpochMicrosClock clock) {
    this.node = node;
    this.encoder = encoder;
    this.clock = clock;
  }

  @Override
  public final String node() {
    return node;
  }

  @Override
  public final long append(final Event event) {
    return append(clock.nowMicros(), event);
  }

  @Override
  public final long append(final long timeMicros, final Event event) {
    ensureOpen();
    if (encoder == null) {
      throw new JournalException(
          describe() + " was opened read-only; open it for writing to append");
    }
    final long index = encoder.nextIndex();
    final int length = encoder.encode(timeMicros, event);
    store(encoder.buffer(), length);
    encoder.commit();
    return index;
  }

  /** The index of the newest entry appended through this journal, or {@link #NONE}. */
  protected final long lastAppendedIndex() {
    return encoder == null ? NONE : encoder.nextIndex() - 1;
  }

  /** The chain digest of the newest entry appended (or recovered) through this journal. */
  protected final byte[] lastDigest() {
    return encoder.previousDigest();
  }

  @Override
  public final byte[] headDigest() {
    if (encoder == null) {
      throw new IllegalStateException(describe() + " is read-only: it does not know its head");
    }
    return encoder.previousDigest();
  }

  /** Whether this journal appends. */
  protected final boolean writable() {
    return encoder != null;
  }

  /** Persists one frame; throws {@link JournalException} when it cannot. */
  protected abstract void store(byte[] frame, int length);

  /** A short description for messages, such as "journal /var/lib/systole/journal". */
  protected abstract String describe();

  /** Fails when the journal was closed. */
  protected final void ensureOpen() {
    if (closed) {
      throw new JournalException(describe() + " is closed");
    }
  }

  /** Marks the journal closed; returns whether it was open. */
  protected final boolean markClosed() {
    final boolean wasOpen = !closed;
    closed = true;
    return wasOpen;
  }
}
