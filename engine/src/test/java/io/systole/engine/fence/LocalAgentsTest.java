package io.systole.engine.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agents that run no program: null, and meatware waiting for an operator. */
class LocalAgentsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void nullSucceedsAtOnceAndSaysNothingWasDone() {
    final FenceOutcome o = new NullAgent().run(FenceVerb.RESET, "ha2", TIMEOUT);
    assertTrue(o.success());
    assertEquals("nothing was done: ha2 is only taken as fenced (stonith type null)", o.detail());
  }

  /** Meatware fencing ha2 on another thread. */
  private static CompletableFuture<FenceOutcome> fencingHa2(final MeatwareAgent agent) {
    return CompletableFuture.supplyAsync(() -> agent.run(FenceVerb.RESET, "ha2", TIMEOUT));
  }

  private static void assertAnswered(
      final CompletableFuture<FenceOutcome> run, final boolean success, final String detail)
      throws Exception {
    final FenceOutcome o = run.get(20, TimeUnit.SECONDS);
    assertEquals(success, o.success());
    assertEquals(detail, o.detail());
  }

  @Test
  void meatwareWaitsPastItsTimeoutForTheOperatorsConfirmation() throws Exception {
    final MeatwareAgent agent = new MeatwareAgent();
    final CompletableFuture<FenceOutcome> run = fencingHa2(agent);
    agent.confirm("ha3");
    assertFalse(run.isDone(), "another node's confirmation does not answer it");
    agent.confirm("ha2");
    assertAnswered(run, true, "confirmed by an operator");
  }

  @Test
  void meatwareStopsWaitingWhenCancelled() throws Exception {
    final MeatwareAgent agent = new MeatwareAgent();
    final CompletableFuture<FenceOutcome> run = fencingHa2(agent);
    agent.cancel("ha2");
    assertAnswered(run, false, "meatware: fencing ha2 was cancelled");
  }

  @Test
  void meatwareStopsWaitingWhenInterrupted() throws Exception {
    final MeatwareAgent agent = new MeatwareAgent();
    final FenceOutcome[] outcome = new FenceOutcome[1];
    final Thread t = new Thread(() -> outcome[0] = agent.run(FenceVerb.RESET, "ha2", TIMEOUT));
    t.start();
    t.interrupt();
    t.join(20_000);
    assertFalse(t.isAlive());
    assertFalse(outcome[0].success());
  }
}
