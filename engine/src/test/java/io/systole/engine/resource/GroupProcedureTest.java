package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.resource.GroupProcedure.Operation;
import io.systole.engine.resource.GroupProcedure.Step;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps and journal events of one group start or stop, outcome by outcome. */
class GroupProcedureTest {
  private static final String G = "IPaddr::10.0.0.50";
  private static final List<String> RS = List.of(G, "fs", "httpd");
  private static final ActionResult OK = ActionResult.success();
  private static final ActionResult NOT_RUNNING = ActionResult.notRunning("");
  private static final ActionResult EXIT_1 =
      new ActionResult(ActionResult.Status.FAILED, 1, "exit 1 (generic error)");

  /** The events of a start in which each resource started. */
  private static final List<Event> EVERY_RESOURCE_STARTED =
      List.of(
          new ResourceStart(G, G, Phase.REQUESTED, ""),
          new ResourceStart(G, G, Phase.SUCCEEDED, ""),
          new ResourceStart(G, "fs", Phase.REQUESTED, ""),
          new ResourceStart(G, "fs", Phase.SUCCEEDED, ""),
          new ResourceStart(G, "httpd", Phase.REQUESTED, ""),
          new ResourceStart(G, "httpd", Phase.SUCCEEDED, ""),
          new GroupStart(G, Phase.SUCCEEDED, "all resources started"));

  /** Drives {@code p} with {@code outcomes}, recording the operations asked and the events. */
  private static final class Run {
    final List<Operation> operations = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    Run(final GroupProcedure p, final ActionResult... outcomes) {
      Step s = p.first();
      int i = 0;
      while (true) {
        events.addAll(s.events());
        if (s.done()) {
          break;
        }
        operations.add(s.next());
        s = p.next(outcomes[i++]);
      }
      assertEquals(outcomes.length, i, "every outcome was used");
    }
  }

  private static ResourceStart start(final String r, final Phase p, final String detail) {
    return new ResourceStart(G, r, p, detail);
  }

  private static ResourceStop stop(final String r, final Phase p, final String detail) {
    return new ResourceStop(G, r, p, detail);
  }

  @Test
  void aStartAsksEachResourceWhetherItRunsThenStartsItLeftToRight() {
    final Run run =
        new Run(GroupProcedure.start(G, RS), NOT_RUNNING, OK, NOT_RUNNING, OK, NOT_RUNNING, OK);
    assertEquals(
        List.of(
            new Operation(0, Verb.STATUS),
            new Operation(0, Verb.START),
            new Operation(1, Verb.STATUS),
            new Operation(1, Verb.START),
            new Operation(2, Verb.STATUS),
            new Operation(2, Verb.START)),
        run.operations);
    assertEquals(EVERY_RESOURCE_STARTED, run.events);
  }

  @Test
  void aResourceWithAnIdempotentStartIsStartedWithoutAskingFirst() {
    final Run run =
        new Run(
            GroupProcedure.start(G, RS, new boolean[] {false, true, false}),
            OK,
            NOT_RUNNING,
            OK,
            OK);
    assertEquals(
        List.of(
            new Operation(0, Verb.START),
            new Operation(1, Verb.STATUS),
            new Operation(1, Verb.START),
            new Operation(2, Verb.START)),
        run.operations);
    assertEquals(EVERY_RESOURCE_STARTED, run.events);
    assertThrows(
        IllegalArgumentException.class,
        () -> GroupProcedure.start(G, RS, new boolean[2]),
        "a flag per resource");
  }

  @Test
  void aResourceThatAlreadyRunsIsNotStartedAgain() {
    final Run run =
        new Run(
            GroupProcedure.start(G, RS),
            NOT_RUNNING,
            OK,
            new ActionResult(ActionResult.Status.OK, 0, "exit 0, says running"),
            NOT_RUNNING,
            OK);
    assertEquals(new Operation(2, Verb.STATUS), run.operations.get(3), "no start of fs");
    assertEquals(
        start("fs", Phase.SUCCEEDED, "already running: exit 0, says running"), run.events.get(3));
  }

  @Test
  void aStatusThatFailsStillStarts() {
    final Run run =
        new Run(
            GroupProcedure.start(G, List.of("httpd")),
            ActionResult.failure("timed out after 20 s"),
            OK);
    assertEquals(new Operation(0, Verb.START), run.operations.get(1));
    assertEquals(new GroupStart(G, Phase.SUCCEEDED, "all resources started"), run.events.get(2));
  }

  @Test
  void aFailedStartStopsWhatWasStartedRightToLeftThenFailsTheGroup() {
    final Run run =
        new Run(GroupProcedure.start(G, RS), NOT_RUNNING, OK, OK, NOT_RUNNING, EXIT_1, OK, OK, OK);
    assertEquals(
        List.of(
            new Operation(2, Verb.STOP), new Operation(1, Verb.STOP), new Operation(0, Verb.STOP)),
        run.operations.subList(5, 8));
    assertEquals(
        List.of(
            start(G, Phase.REQUESTED, ""),
            start(G, Phase.SUCCEEDED, ""),
            start("fs", Phase.REQUESTED, ""),
            start("fs", Phase.SUCCEEDED, GroupProcedure.ALREADY_RUNNING),
            start("httpd", Phase.REQUESTED, ""),
            start("httpd", Phase.FAILED, "exit 1 (generic error)"),
            stop("httpd", Phase.REQUESTED, "undo failed start"),
            stop("httpd", Phase.SUCCEEDED, ""),
            stop("fs", Phase.REQUESTED, "undo failed start"),
            stop("fs", Phase.SUCCEEDED, ""),
            stop(G, Phase.REQUESTED, "undo failed start"),
            stop(G, Phase.SUCCEEDED, ""),
            new GroupStart(G, Phase.FAILED, "a resource failed to start")),
        run.events);
  }

  @Test
  void aFailedUndoEndsTheStartAtOnce() {
    final Run run =
        new Run(
            GroupProcedure.start(G, RS),
            NOT_RUNNING,
            OK,
            NOT_RUNNING,
            OK,
            NOT_RUNNING,
            EXIT_1,
            EXIT_1);
    assertEquals(
        List.of(
            stop("httpd", Phase.REQUESTED, "undo failed start"),
            stop("httpd", Phase.FAILED, "exit 1 (generic error)"),
            new GroupStart(G, Phase.FAILED, "start failed, undo failed")),
        run.events.subList(6, 9));
  }

  @Test
  void aStopGoesRightToLeftAndNotRunningCountsAsStopped() {
    final Run run =
        new Run(
            GroupProcedure.stop(G, RS), OK, ActionResult.notRunning("not running (exit 7)"), OK);
    assertEquals(
        List.of(
            new Operation(2, Verb.STOP), new Operation(1, Verb.STOP), new Operation(0, Verb.STOP)),
        run.operations);
    assertEquals(
        List.of(
            stop("httpd", Phase.REQUESTED, ""),
            stop("httpd", Phase.SUCCEEDED, ""),
            stop("fs", Phase.REQUESTED, ""),
            stop("fs", Phase.SUCCEEDED, "not running (exit 7)"),
            stop(G, Phase.REQUESTED, ""),
            stop(G, Phase.SUCCEEDED, ""),
            new GroupStop(G, Phase.SUCCEEDED, "all resources stopped")),
        run.events);
  }

  @Test
  void aFailedStopFailsTheGroupAndStopsNothingMore() {
    final Run run = new Run(GroupProcedure.stop(G, RS), OK, ActionResult.failure(""));
    assertEquals(
        List.of(
            stop("fs", Phase.REQUESTED, ""),
            stop("fs", Phase.FAILED, "failed"),
            new GroupStop(G, Phase.FAILED, "fs failed to stop")),
        run.events.subList(2, 5));
  }

  @Test
  void anEmptyGroupIsDoneAtOnce() {
    assertEquals(
        List.of(new GroupStart(G, Phase.SUCCEEDED, "all resources started")),
        new Run(GroupProcedure.start(G, List.of())).events);
    assertEquals(
        List.of(new GroupStop(G, Phase.SUCCEEDED, "all resources stopped")),
        new Run(GroupProcedure.stop(G, List.of())).events);
  }

  @Test
  void stepsComeInOrderOrNotAtAll() {
    final GroupProcedure p = GroupProcedure.start(G, RS);
    assertThrows(IllegalStateException.class, () -> p.next(OK), "nothing asked yet");
    p.first();
    assertThrows(IllegalStateException.class, p::first);
    final GroupProcedure done = GroupProcedure.stop(G, List.of());
    assertTrue(done.first().done());
    assertThrows(IllegalStateException.class, () -> done.next(OK));
  }
}
