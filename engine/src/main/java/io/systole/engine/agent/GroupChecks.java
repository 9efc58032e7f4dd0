package io.systole.engine.agent;

import io.systole.engine.config.ResourceGroup;
import io.systole.engine.resource.MonitorReport;
import io.systole.engine.resource.ResourceActuator;
import io.systole.engine.resource.Verb;
import io.systole.journal.event.MonitorFailed;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The checks of the groups running here, carried out by the actuator off the logic thread: at most
 * one check of a group at a time, so that a hung script never piles checks up behind it. A
 * re-announce asked while a check of its group is under way is owed and runs right after it, never
 * dropped: it is what brings clients to the one node that keeps a group after a conflict.
 */
final class GroupChecks {
  private final ResourceActuator actuator;
  private final Consumer<MonitorFailed> failures;

  /** The groups with a check under way, each mapped to whether a re-announce is owed after it. */
  private final Map<String, Boolean> underWay = new HashMap<>();

  /**
   * Checks carried out by {@code actuator}; each failure goes to {@code failures}, on an actuator
   * thread.
   */
  GroupChecks(final ResourceActuator actuator, final Consumer<MonitorFailed> failures) {
    this.actuator = actuator;
    this.failures = failures;
  }

  /**
   * Checks {@code group} ({@link Verb#MONITOR}, or {@link Verb#ANNOUNCE} to re-announce it too),
   * now or, for a re-announce, once the check under way ends.
   */
  void check(final ResourceGroup group, final Verb verb) {
    synchronized (underWay) {
      if (underWay.containsKey(group.name())) {
        if (verb == Verb.ANNOUNCE) {
          underWay.put(group.name(), Boolean.TRUE);
        }
        return;
      }
      underWay.put(group.name(), Boolean.FALSE);
    }
    run(group, verb);
  }

  private void run(final ResourceGroup group, final Verb verb) {
    actuator
        .monitor(group, verb)
        .whenComplete(
            (report, error) -> {
              if (report != null && !report.healthy()) {
                final MonitorReport.Check failed = report.failure();
                failures.accept(
                    new MonitorFailed(group.name(), failed.resource(), failed.result().detail()));
              }
              final boolean owed;
              synchronized (underWay) {
                owed = underWay.remove(group.name());
                if (owed) {
                  underWay.put(group.name(), Boolean.FALSE);
                }
              }
              if (owed) {
                run(group, Verb.ANNOUNCE);
              }
            });
  }
}
