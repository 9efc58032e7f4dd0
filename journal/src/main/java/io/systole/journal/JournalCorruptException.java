package io.systole.journal;

/**
 * A stored entry does not verify: its checksum does not match its bytes, it is truncated, it claims
 * another index than its place, or its fields run past its end. The bytes were damaged or changed
 * after they were written; the message names the index and what was wrong. {@code systole journal
 * audit} locates every such entry.
 */
public final class JournalCorruptException extends JournalFormatException {
  private static final long serialVersionUID = 1L;

  /** The entry at {@code index} does not verify, for the reason given. */
  public JournalCorruptException(final long index, final String message) {
    super(index, message);
  }
}
