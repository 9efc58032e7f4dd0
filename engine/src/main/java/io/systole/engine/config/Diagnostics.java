package io.systole.engine.config;

import io.systole.engine.config.Diagnostic.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one pass over the configuration, so that an admin sees them all at once
 * instead of one per attempt. Parsers report here and carry on with the next line.
 */
final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  void error(final String file, final int line, final String message) {
    all.add(new Diagnostic(Severity.ERROR, file, line, message));
  }

  void warn(final String file, final int line, final String message) {
    all.add(new Diagnostic(Severity.WARNING, file, line, message));
  }

  boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  List<Diagnostic> all() {
    return List.copyOf(all);
  }
}
