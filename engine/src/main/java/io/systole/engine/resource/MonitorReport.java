package io.systole.engine.resource;

import java.util.List;

/**
 * What one monitor of a running group found: each resource's answer in start order, up to the first
 * that is not running or failed to answer (the resources after it were not asked).
 *
 * @param group the group's name
 * @param checks the answers, in start order
 */
public record MonitorReport(String group, List<Check> checks) {
  /**
   * One resource's answer.
   *
   * @param resource the resource's name
   * @param result what its monitor said: OK while it runs
   */
  public record Check(String resource, ActionResult result) {}

  /** Copies the answers. */
  public MonitorReport {
    checks = List.copyOf(checks);
  }

  /** Whether every resource of the group runs. */
  public boolean healthy() {
    return failure() == null;
  }

  /** The first resource that does not run or did not answer, or null when all run. */
  public Check failure() {
    for (final Check c : checks) {
      if (!c.result().ok()) {
        return c;
      }
    }
    return null;
  }
}
