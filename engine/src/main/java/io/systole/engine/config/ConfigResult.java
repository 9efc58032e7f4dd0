package io.systole.engine.config;

import java.util.List;

/**
 * The outcome of reading a configuration: the configuration when there was no error, and every
 * problem found, errors and warnings, in file order.
 *
 * @param config the configuration, or null when there were errors
 * @param diagnostics every problem found
 */
public record ConfigResult(ClusterConfig config, List<Diagnostic> diagnostics) {
  /** Copies the diagnostics. */
  public ConfigResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether there were no errors (warnings are fine). */
  public boolean ok() {
    return config != null;
  }

  /** The errors. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  /** The warnings. */
  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }
}
