package io.systole.media.secure;

import java.io.IOException;

/**
 * The generation file exists but cannot be trusted (damaged, edited, not ours), or the generations
 * are used up. The message names the file and the way out.
 */
public final class GenerationFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The problem, with the file's path and what to do. */
  public GenerationFileException(final String message) {
    super(message);
  }
}
