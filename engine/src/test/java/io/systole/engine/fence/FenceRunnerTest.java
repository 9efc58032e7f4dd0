package io.systole.engine.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ScriptOutput;
import io.systole.engine.resource.Scripts;
import io.systole.journal.event.Fence;
import io.systole.journal.event.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fence thread: retries, merged and cancelled requests, confirmations, refusals, delays. */
class FenceRunnerTest {
  /** Backoff short enough that retries take milliseconds. */
  private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(4));

  private static final long WAIT_S = 20;

  @TempDir Path dir;

  private final BlockingQueue<Fence> reports = new LinkedBlockingQueue<>();
  private final List<FenceRunner> runners = new ArrayList<>();

  /**
   * An agent that fails the nodes it is told to, records each call as "VERB NODE", and runs only
   * when given a permit (all of them unless gated).
   */
  private static final class ScriptedAgent implements FenceAgent {
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final Semaphore permits;
    private final Set<String> failing;
    private int failuresLeft;

    ScriptedAgent(final boolean gated, final int failures, final String... failing) {
      this.permits = new Semaphore(gated ? 0 : Integer.MAX_VALUE);
      this.failuresLeft = failures;
      this.failing = Set.of(failing);
    }

    @Override
    public String describe() {
      return "scripted";
    }

    @Override
    public FenceOutcome run(final FenceVerb verb, final String node, final Duration timeout) {
      calls.add(verb.keyword() + " " + node);
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return FenceOutcome.failure("interrupted", Duration.ZERO);
      }
      synchronized (this) {
        if (failing.contains(node) && failuresLeft > 0) {
          failuresLeft--;
          return FenceOutcome.failure("device said no", Duration.ofMillis(5));
        }
      }
      return FenceOutcome.success("", Duration.ofMillis(120));
    }

    String nextCall() throws InterruptedException {
      final String call = calls.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(call, "the agent was not called");
      return call;
    }
  }

  private FenceRunner runner(final FenceAgent agent, final FenceVerb verb) {
    final FenceRunner r =
        new FenceRunner("ha1", agent, verb, Duration.ofSeconds(5), FAST, reports::add);
    runners.add(r);
    r.start();
    return r;
  }

  private FenceRunner runner(final FenceAgent agent) {
    return runner(agent, FenceVerb.RESET);
  }

  private Fence nextReport() throws InterruptedException {
    final Fence f = reports.poll(WAIT_S, TimeUnit.SECONDS);
    assertNotNull(f, "nothing was reported");
    return f;
  }

  private static Fence failed(final String node, final String detail) {
    return new Fence(node, "scripted", Phase.FAILED, detail);
  }

  private static Fence succeeded(final String node, final String detail) {
    return new Fence(node, "scripted", Phase.SUCCEEDED, detail);
  }

  @AfterEach
  void closeRunners() {
    runners.forEach(FenceRunner::close);
  }

  @Test
  void failedAttemptsAreReportedAndRetriedWithBackoffUntilOneSucceeds() throws Exception {
    runner(new ScriptedAgent(false, 3, "ha2")).request("ha2", 0);
    assertEquals(failed("ha2", "attempt 1: device said no; next attempt in 1 ms"), nextReport());
    assertEquals(failed("ha2", "attempt 2: device said no; next attempt in 2 ms"), nextReport());
    assertEquals(failed("ha2", "attempt 3: device said no; next attempt in 4 ms"), nextReport());
    assertEquals(succeeded("ha2", "reset by scripted in 120 ms (attempt 4)"), nextReport());
  }

  @Test
  void theFencingVerbIsConfigurable() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(false, 0);
    runner(agent, FenceVerb.OFF).request("ha2", 0);
    assertEquals("off ha2", agent.nextCall());
    assertEquals(succeeded("ha2", "powered off by scripted in 120 ms (attempt 1)"), nextReport());
  }

  /** A runner whose gated {@code agent} is in its first attempt on ha2. */
  private FenceRunner inAttemptOnHa2(final ScriptedAgent agent) throws InterruptedException {
    final FenceRunner r = runner(agent);
    r.request("ha2", 0);
    assertEquals("reset ha2", agent.nextCall());
    return r;
  }

  /**
   * Lets the agent run freely and fences ha3: the fence thread is single, so once ha3 is reported,
   * nothing about ha2 is left to come.
   */
  private void nothingMoreAfterHa3(final FenceRunner r, final ScriptedAgent agent)
      throws InterruptedException {
    agent.permits.release(1_000_000);
    r.request("ha3", 0);
    assertEquals("reset ha3", agent.nextCall(), "no other attempt on ha2");
    assertEquals(succeeded("ha3", "reset by scripted in 120 ms (attempt 1)"), nextReport());
    assertNull(reports.poll());
  }

  @Test
  void aSecondRequestForANodeBeingFencedJoinsTheFirst() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(true, 0);
    final FenceRunner r = inAttemptOnHa2(agent);
    r.request("ha2", 0);
    agent.permits.release();
    assertEquals(succeeded("ha2", "reset by scripted in 120 ms (attempt 1)"), nextReport());
    nothingMoreAfterHa3(r, agent);
  }

  @Test
  void aCancelledRequestIsNeitherRetriedNorReported() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(true, Integer.MAX_VALUE, "ha2");
    final FenceRunner r = inAttemptOnHa2(agent);
    agent.permits.release();
    assertEquals(failed("ha2", "attempt 1: device said no; next attempt in 1 ms"), nextReport());
    assertEquals("reset ha2", agent.nextCall(), "retried");
    r.cancel("ha2"); // while attempt 2 runs: it finishes, unreported
    nothingMoreAfterHa3(r, agent);
  }

  @Test
  void anOperatorsConfirmationEndsTheRequestAndIsReported() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(true, 0);
    final FenceRunner r = inAttemptOnHa2(agent);
    r.confirm("ha2");
    assertEquals(succeeded("ha2", "confirmed by an operator"), nextReport());
    nothingMoreAfterHa3(r, agent);
  }

  @Test
  void thisNodeIsNeverFenced() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(false, 0);
    final FenceRunner r = runner(agent);
    r.request("ha1", 0);
    assertEquals(failed("ha1", "refused: ha1 is this node"), nextReport());
    r.request("HA1", 0);
    assertEquals(failed("HA1", "refused: HA1 is this node"), nextReport());
    r.request("ha3", 0);
    assertEquals("reset ha3", agent.nextCall(), "the agent never ran for ha1");
  }

  @Test
  void aDelayedRequestWaitsWhileALaterOneWithoutDelayGoesFirst() throws Exception {
    final ScriptedAgent agent = new ScriptedAgent(false, 0);
    final FenceRunner r = runner(agent);
    r.request("ha2", 200_000);
    r.request("ha3", 0);
    assertEquals("reset ha3", agent.nextCall());
    assertEquals("reset ha2", agent.nextCall());
    assertEquals("ha3", nextReport().target());
    assertEquals("ha2", nextReport().target());
  }

  @Test
  void meatwareWaitsForTheConfirmationThatTheRunnerPassesOn() throws Exception {
    final BlockingQueue<FenceOutcome> returned = new LinkedBlockingQueue<>();
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    final MeatwareAgent meatware = new MeatwareAgent();
    final FenceAgent watched =
        new FenceAgent() {
          @Override
          public String describe() {
            return meatware.describe();
          }

          @Override
          public FenceOutcome run(final FenceVerb verb, final String node, final Duration t) {
            started.add(node);
            final FenceOutcome o = meatware.run(verb, node, t);
            returned.add(o);
            return o;
          }

          @Override
          public void confirm(final String node) {
            meatware.confirm(node);
          }

          @Override
          public void cancel(final String node) {
            meatware.cancel(node);
          }
        };
    final FenceRunner r = runner(watched);
    r.request("ha2", 0);
    assertEquals("ha2", started.poll(WAIT_S, TimeUnit.SECONDS));
    r.confirm("ha2");
    assertEquals(
        new Fence("ha2", "meatware", Phase.SUCCEEDED, "confirmed by an operator"), nextReport());
    assertTrue(returned.poll(WAIT_S, TimeUnit.SECONDS).success(), "the wait ended");
    r.request("ha3", 0);
    assertEquals("ha3", started.poll(WAIT_S, TimeUnit.SECONDS));
    r.cancel("ha3");
    assertEquals(false, returned.poll(WAIT_S, TimeUnit.SECONDS).success(), "cancelled");
    assertNull(reports.poll(), "exactly one report: the operator's");
  }

  @Test
  void closeKillsARunningProgramAndReportsNothingMore() throws Exception {
    final Path pid = dir.resolve("pid");
    final Path exe = Scripts.script(dir.resolve("hang"), "echo $$ > " + pid + "\nsleep 300\n");
    final ActionRunner processes =
        new ActionRunner(List.of(), dir, ScriptOutput.LOG, Duration.ofMillis(500));
    final FenceRunner r = runner(ExternalAgent.program(exe, List.of(), processes));
    r.request("ha2", 0);
    final long program = Scripts.pidIn(pid);
    r.close();
    assertTrue(Scripts.goneSoon(program), "the agent's program was killed");
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals(FenceRunner.THREAD_NAME)),
        "the fence thread is gone");
    assertNull(reports.poll());
  }
}
