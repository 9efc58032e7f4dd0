package io.systole.engine.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's thread with a scripted prober instead of the network: verdicts arrive on {@code
 * systole-ping} on transitions only, shared addresses are probed once a round, failed probes and a
 * failing listener do not stop probing, and close leaves no thread behind.
 */
class PingMonitorTest {
  private static final long HANG_GUARD_S = 20;

  private final Set<String> silent = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> probes = new ConcurrentHashMap<>();
  private final BlockingQueue<String> verdicts = new LinkedBlockingQueue<>();

  private final Prober scripted =
      (final InetAddress a, final int timeoutMs) -> {
        probes.computeIfAbsent(a.getHostAddress(), k -> new AtomicLong()).incrementAndGet();
        if (silent.contains("throw")) {
          throw new IOException("Network is unreachable");
        }
        return !silent.contains(a.getHostAddress());
      };

  private final PingListener recorder =
      (final String group, final boolean reachable, final String detail) ->
          verdicts.add(Thread.currentThread().getName() + " " + group + " " + reachable);

  @AfterEach
  void noThreadLeft() {
    assertFalse(pingThreadAlive(), "a systole-ping thread outlived its monitor");
  }

  private static boolean pingThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(PingMonitor.THREAD_NAME) && t.isAlive());
  }

  private PingMonitor monitor(final PingListener listener, final HaCf.PingGroup... groups) {
    return new PingMonitor(List.of(groups), 10, 300, 0, scripted, listener);
  }

  private String next() throws InterruptedException {
    final String v = verdicts.poll(HANG_GUARD_S, TimeUnit.SECONDS);
    assertNotNull(v, "no verdict in " + HANG_GUARD_S + " s");
    return v;
  }

  @Test
  void verdictsArriveOnThePingThreadOnTransitionsOnly() throws Exception {
    try (PingMonitor m = monitor(recorder, new HaCf.PingGroup("gw", List.of("10.0.0.1")))) {
      assertEquals(PingMonitor.MIN_INTERVAL_MS, m.intervalMs(), "never more often than 100 ms");
      m.start();
      assertEquals("systole-ping gw true", next());
      silent.add("10.0.0.1");
      assertEquals("systole-ping gw false", next());
      silent.remove("10.0.0.1");
      assertEquals("systole-ping gw true", next());
      final long rounds = m.rounds();
      while (m.rounds() < rounds + 5) {
        Thread.sleep(10);
      }
      assertTrue(verdicts.isEmpty(), "a steady group repeats nothing: " + verdicts);
    }
  }

  @Test
  void anAddressSharedByGroupsIsProbedOnceARound() throws Exception {
    try (PingMonitor m =
        monitor(
            recorder,
            new HaCf.PingGroup("10.0.0.1", List.of("10.0.0.1")),
            new HaCf.PingGroup("both", List.of("10.0.0.2", "10.0.0.1")))) {
      assertEquals(50, m.probeTimeoutMs(), "a round's probes fit in its interval");
      m.start();
      assertEquals(
          Set.of("systole-ping 10.0.0.1 true", "systole-ping both true"), Set.of(next(), next()));
      while (m.rounds() < 3) {
        Thread.sleep(10);
      }
      m.close();
      final long shared = probes.get("10.0.0.1").get();
      assertEquals(probes.get("10.0.0.2").get(), shared);
      assertTrue(shared <= m.rounds() + 1, shared + " probes in " + m.rounds() + " rounds");
    }
  }

  @Test
  void aProbeThatCannotBeSentCountsAsNoReply() throws Exception {
    silent.add("throw");
    try (PingMonitor m = monitor(recorder, new HaCf.PingGroup("gw", List.of("10.0.0.1")))) {
      m.start();
      assertEquals("systole-ping gw false", next());
      assertTrue(m.probeErrors() > 0);
    }
  }

  @Test
  void aFailingListenerDoesNotStopProbing() throws Exception {
    final PingListener failing =
        (final String group, final boolean reachable, final String detail) -> {
          recorder.onPing(group, reachable, detail);
          throw new IllegalStateException("a bug in the listener");
        };
    try (PingMonitor m = monitor(failing, new HaCf.PingGroup("gw", List.of("10.0.0.1")))) {
      m.start();
      assertEquals("systole-ping gw true", next());
      silent.add("10.0.0.1");
      assertEquals("systole-ping gw false", next());
    }
  }

  @Test
  void withoutGroupsNoThreadStarts() {
    try (PingMonitor m = monitor(recorder)) {
      m.start();
      assertFalse(pingThreadAlive());
    }
  }

  @Test
  void anAddressThatDoesNotResolveIsRefusedWithWhatToDo() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> monitor(recorder, new HaCf.PingGroup("gw", List.of("no-such-host.invalid"))));
    assertTrue(e.getMessage().contains("give an IP address"), e.getMessage());
  }
}
