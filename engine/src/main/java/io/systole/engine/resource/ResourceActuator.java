package io.systole.engine.resource;

import io.systole.engine.config.ResourceGroup;
import io.systole.engine.config.ResourceGroup.Resource;
import io.systole.journal.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries out group starts, stops and monitors off the cluster-logic thread, on threads named
 * {@code systole-action-N}. Each start or stop runs a {@link GroupProcedure} to its end, resolving
 * each operation with {@link ResourceAgents} and running it with {@link ActionRunner} under the
 * action timeout, and hands every event to journal to the caller's consumer, in order, on the
 * action thread. The work of one group is done in the order it was asked for, one piece at a time
 * (so a monitor never overlaps a stop of its group); different groups proceed in parallel. The
 * calls return at once. Thread-safe.
 */
public final class ResourceActuator implements AutoCloseable {
  /** The action timeout when none is configured: as long as Pacemaker's default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private final ResourceAgents agents;
  private final ActionRunner runner;
  private final Duration timeout;
  private final ExecutorService threads;
  private final Map<String, CompletableFuture<?>> lastOfGroup = new HashMap<>();

  /**
   * An actuator.
   *
   * @param agents resolves each resource action to a program
   * @param runner runs the programs
   * @param timeout how long one action may take before its process group is killed
   */
  public ResourceActuator(
      final ResourceAgents agents, final ActionRunner runner, final Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the action timeout must be positive: " + timeout);
    }
    this.agents = agents;
    this.runner = runner;
    this.timeout = timeout;
    final AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              final Thread t = new Thread(r, "systole-action-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts {@code group}: each resource in order, unless its status says it runs (scripts; an OCF
   * agent is started at once, its start being idempotent); a failure stops what was started. Each
   * event goes to {@code journal} on an action thread.
   *
   * @return done after the last event (a {@code GroupStart} that succeeded or failed)
   */
  public CompletableFuture<Void> start(final ResourceGroup group, final Consumer<Event> journal) {
    final boolean[] probe = new boolean[group.resources().size()];
    for (int i = 0; i < probe.length; i++) {
      probe[i] = group.resources().get(i).ocf() == null;
    }
    return drive(group, GroupProcedure.start(group.name(), group.resourceNames(), probe), journal);
  }

  /**
   * Stops {@code group}: each resource in reverse order, up to the first that fails to stop. Each
   * event goes to {@code journal} on an action thread.
   *
   * @return done after the last event (a {@code GroupStop} that succeeded or failed)
   */
  public CompletableFuture<Void> stop(final ResourceGroup group, final Consumer<Event> journal) {
    return drive(group, GroupProcedure.stop(group.name(), group.resourceNames()), journal);
  }

  /**
   * Asks each resource of the running {@code group}, in start order, whether it still runs, up to
   * the first that does not. Journals nothing: the caller decides what a failure means.
   *
   * @param verb {@link Verb#MONITOR}, or {@link Verb#ANNOUNCE} to re-announce as well
   */
  public CompletableFuture<MonitorReport> monitor(final ResourceGroup group, final Verb verb) {
    return after(
        group.name(),
        () -> {
          final List<MonitorReport.Check> checks = new ArrayList<>();
          for (final Resource r : group.resources()) {
            final ActionResult result = perform(group.name(), r, verb);
            checks.add(new MonitorReport.Check(r.text(), result));
            if (!result.ok()) {
              break;
            }
          }
          return new MonitorReport(group.name(), checks);
        });
  }

  /**
   * Takes no more work and waits for what was asked to end; each action ends within its timeout.
   */
  @Override
  public void close() {
    threads.shutdown();
    try {
      threads.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private CompletableFuture<Void> drive(
      final ResourceGroup group, final GroupProcedure procedure, final Consumer<Event> journal) {
    return after(
        group.name(),
        () -> {
          GroupProcedure.Step step = procedure.first();
          while (true) {
            step.events().forEach(journal);
            if (step.done()) {
              return null;
            }
            final GroupProcedure.Operation op = step.next();
            step =
                procedure.next(
                    perform(group.name(), group.resources().get(op.resource()), op.verb()));
          }
        });
  }

  /** Runs {@code work} on an action thread once the group's earlier work has ended. */
  private <T> CompletableFuture<T> after(final String group, final Supplier<T> work) {
    synchronized (lastOfGroup) {
      final CompletableFuture<?> previous =
          lastOfGroup.getOrDefault(group, CompletableFuture.completedFuture(null));
      final CompletableFuture<T> next =
          previous.handle((x, e) -> null).thenApplyAsync(ignored -> work.get(), threads);
      lastOfGroup.put(group, next);
      return next;
    }
  }

  private ActionResult perform(final String group, final Resource resource, final Verb verb) {
    final Invocation action;
    try {
      action = agents.resolve(group, resource, verb, timeout);
    } catch (IllegalArgumentException e) {
      return ActionResult.failure(e.getMessage());
    }
    return runner.run(action, timeout);
  }
}
