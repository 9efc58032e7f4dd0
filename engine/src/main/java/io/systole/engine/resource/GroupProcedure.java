package io.systole.engine.resource;

import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The steps of one group start or stop, without running anything: a start asks each resource, left
 * to right, whether it already runs (Heartbeat's {@code status} check) and starts it if not, except
 * a resource whose start is known to be idempotent, which is started at once; a failed start stops
 * what this start started, right to left, and fails the group; a stop stops the resources right to
 * left, and a failed stop fails the group at once (it may still run, so nothing more is stopped and
 * the group is left unclean). Each step returns the journal events the outcome of the last
 * operation gives and the next operation, so the daemon's actuator and the simulation run the same
 * procedure and journal the same events. Not thread-safe: one caller drives it.
 */
public final class GroupProcedure {
  static final String ALREADY_RUNNING = "already running";
  static final String UNDO = "undo failed start";

  /**
   * What to do next: run {@code verb} on the resource at {@code resource} (an index in start
   * order).
   *
   * @param resource the resource's index in the group, in start order
   * @param verb what to ask of it
   */
  public record Operation(int resource, Verb verb) {}

  /**
   * What one step gives: the events to journal, in order, then the next operation, or null when the
   * procedure is over (its last event is then a {@link GroupStart} or {@link GroupStop} that
   * succeeded or failed).
   *
   * @param events to journal, in order
   * @param next the next operation, or null when done
   */
  public record Step(List<Event> events, Operation next) {
    /** Copies the events. */
    public Step {
      events = List.copyOf(events);
    }

    /** Whether the procedure is over. */
    public boolean done() {
      return next == null;
    }
  }

  private enum Mode {
    START,
    UNDO,
    STOP,
    DONE
  }

  private final String group;
  private final List<String> resources;
  private final boolean[] probe;
  private Mode mode;
  private boolean begun;
  private int at;
  private Verb waiting;

  private GroupProcedure(
      final String group, final List<String> resources, final boolean[] probe, final Mode mode) {
    this.group = group;
    this.resources = List.copyOf(resources);
    this.probe = probe.clone();
    this.mode = mode;
    if (probe.length != resources.size()) {
      throw new IllegalArgumentException(
          group + ": " + probe.length + " probe flags for " + resources.size() + " resources");
    }
  }

  /**
   * A start of {@code group}, whose {@code resources} are named in start order, each asked first
   * whether it runs (Heartbeat's way, for scripts whose start may not tolerate a running service).
   */
  public static GroupProcedure start(final String group, final List<String> resources) {
    final boolean[] all = new boolean[resources.size()];
    Arrays.fill(all, true);
    return start(group, resources, all);
  }

  /**
   * A start of {@code group} where only the resources flagged in {@code probe} are asked first
   * whether they run. An OCF agent's start must succeed on a running resource (the OCF spec), so
   * asking first only adds a monitor run to every failover: tens of milliseconds for IPaddr2.
   *
   * @param probe per resource, in start order: ask {@code status} before {@code start}
   */
  public static GroupProcedure start(
      final String group, final List<String> resources, final boolean[] probe) {
    return new GroupProcedure(group, resources, probe, Mode.START);
  }

  /** A stop of {@code group}, whose {@code resources} are named in start order. */
  public static GroupProcedure stop(final String group, final List<String> resources) {
    return new GroupProcedure(group, resources, new boolean[resources.size()], Mode.STOP);
  }

  /** The group this procedure starts or stops. */
  public String group() {
    return group;
  }

  /** The resources' names, in start order. */
  public List<String> resources() {
    return resources;
  }

  /**
   * The first step: what to journal before the first operation, and that operation.
   *
   * @throws IllegalStateException if called twice
   */
  public Step first() {
    if (begun) {
      throw new IllegalStateException(group + ": the procedure has begun");
    }
    begun = true;
    return mode == Mode.START ? startAt(0) : stopAt(resources.size() - 1);
  }

  /**
   * The step after the last operation came to {@code outcome}.
   *
   * @throws IllegalStateException if no operation is outstanding
   */
  public Step next(final ActionResult outcome) {
    if (waiting == null) {
      throw new IllegalStateException(group + ": no operation is outstanding");
    }
    final Verb verb = waiting;
    waiting = null;
    final String resource = resources.get(at);
    return switch (mode) {
      case START ->
          verb == Verb.STATUS ? afterStatus(resource, outcome) : afterStart(resource, outcome);
      case UNDO, STOP -> afterStop(resource, outcome);
      case DONE -> throw new IllegalStateException(group + ": the procedure is over");
    };
  }

  // Start: status, then start if it does not run; on failure undo downwards from the failed one.

  private Step startAt(final int r) {
    if (r >= resources.size()) {
      return done(new GroupStart(group, Phase.SUCCEEDED, "all resources started"));
    }
    return ask(
        r,
        probe[r] ? Verb.STATUS : Verb.START,
        List.of(new ResourceStart(group, resources.get(r), Phase.REQUESTED, "")));
  }

  private Step afterStatus(final String resource, final ActionResult status) {
    if (status.ok()) {
      final String why =
          status.detail().isEmpty() ? ALREADY_RUNNING : ALREADY_RUNNING + ": " + status.detail();
      return then(new ResourceStart(group, resource, Phase.SUCCEEDED, why), startAt(at + 1));
    }
    // Only a clear yes skips the start; "not running" and a status that failed both start it.
    return ask(at, Verb.START, List.of());
  }

  private Step afterStart(final String resource, final ActionResult started) {
    if (started.ok()) {
      return then(
          new ResourceStart(group, resource, Phase.SUCCEEDED, started.detail()), startAt(at + 1));
    }
    mode = Mode.UNDO;
    // The failed resource is stopped too: a start that failed or timed out half way may have left
    // part of it running, and the group is about to be started on another node.
    return then(new ResourceStart(group, resource, Phase.FAILED, failure(started)), stopAt(at));
  }

  // Stop, and the undo of a failed start: right to left; a failed stop ends it.

  private Step stopAt(final int r) {
    final boolean undo = mode == Mode.UNDO;
    if (r < 0) {
      return done(
          undo
              ? new GroupStart(group, Phase.FAILED, "a resource failed to start")
              : new GroupStop(group, Phase.SUCCEEDED, "all resources stopped"));
    }
    return ask(
        r,
        Verb.STOP,
        List.of(new ResourceStop(group, resources.get(r), Phase.REQUESTED, undo ? UNDO : "")));
  }

  private Step afterStop(final String resource, final ActionResult stopped) {
    if (stopped(stopped)) {
      return then(
          new ResourceStop(group, resource, Phase.SUCCEEDED, stopped.detail()), stopAt(at - 1));
    }
    return done(
        new ResourceStop(group, resource, Phase.FAILED, failure(stopped)),
        mode == Mode.UNDO
            ? new GroupStart(group, Phase.FAILED, "start failed, undo failed")
            : new GroupStop(group, Phase.FAILED, resource + " failed to stop"));
  }

  // Steps

  /** A stop reached its goal: it stopped the resource, or found it not running. */
  private static boolean stopped(final ActionResult r) {
    return r.status() != ActionResult.Status.FAILED;
  }

  private static String failure(final ActionResult r) {
    return r.detail().isEmpty() ? "failed" : r.detail();
  }

  private Step ask(final int r, final Verb verb, final List<Event> before) {
    at = r;
    waiting = verb;
    return new Step(before, new Operation(r, verb));
  }

  /** {@code first}, then the events and operation of {@code rest}. */
  private static Step then(final Event first, final Step rest) {
    final List<Event> events = new ArrayList<>(rest.events().size() + 1);
    events.add(first);
    events.addAll(rest.events());
    return new Step(events, rest.next());
  }

  private Step done(final Event... last) {
    mode = Mode.DONE;
    return new Step(List.of(last), null);
  }
}
