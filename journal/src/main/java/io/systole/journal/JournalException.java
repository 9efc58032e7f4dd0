package io.systole.journal;

/**
 * Something went wrong with a journal that the caller cannot fix by retrying the same call: the
 * directory cannot be opened, a write failed, or the journal was used after close. The message
 * names the journal and says what to do.
 */
public class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its explanation. */
  public JournalException(final String message) {
    super(message);
  }

  /** An error caused by {@code cause}, with its explanation. */
  public JournalException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
