package io.systole.journal;

/**
 * A journal, or one entry of it, is not in a format this build reads: not a journal at all, a newer
 * format version, or an entry of an unknown event type or newer event version. The reader never
 * skips such an entry silently; the message names the index (when there is one), the type id and
 * the version, and what to do.
 */
public class JournalFormatException extends JournalException {
  private static final long serialVersionUID = 1L;

  /** Used as {@link #index()} when the problem is not tied to one entry. */
  public static final long NO_INDEX = -1L;

  private final long index;

  /** A problem with the entry at {@code index}, or with the whole journal if {@link #NO_INDEX}. */
  public JournalFormatException(final long index, final String message) {
    super(message);
    this.index = index;
  }

  /** A problem caused by {@code cause}. */
  public JournalFormatException(final long index, final String message, final Throwable cause) {
    super(message, cause);
    this.index = index;
  }

  /** The index of the entry at fault, or {@link #NO_INDEX}. */
  public long index() {
    return index;
  }
}
