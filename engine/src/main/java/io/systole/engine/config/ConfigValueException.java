package io.systole.engine.config;

/**
 * A value that does not parse, with a message that says what was expected. Thrown by {@link Values}
 * and turned into a {@link Diagnostic} with the file and line by the parser that called.
 */
final class ConfigValueException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigValueException(final String message) {
    super(message);
  }
}
