package io.systole.engine.config;

/**
 * One problem found in a configuration file: where it is and what is wrong, in the form {@code
 * FILE:LINE: message} (or {@code FILE: message} for a problem with the whole file). An error stops
 * the daemon from starting; a warning does not.
 *
 * @param severity error or warning
 * @param file the file's name as the admin knows it, such as {@code ha.cf}
 * @param line the 1-based line, or 0 for the whole file
 * @param message what is wrong and what was expected
 */
public record Diagnostic(Severity severity, String file, int line, String message) {
  /** Whether the problem stops a daemon from starting. */
  public enum Severity {
    WARNING,
    ERROR
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
