package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mixed cluster: one node the real Heartbeat 3.0.6 (Debian's {@code heartbeat}, haresources mode,
 * its real ResourceManager defused by {@code src/test/sh/heartbeat-node.sh}), the other a Systole
 * daemon, on one ha.cf, haresources and authkeys, in network namespaces, with a client polling the
 * service address. The group is IPaddr2 10.77.0.50 and {@code websvc}, an HTTP server on it
 * answering with its node's name; ha1 prefers it. Every test runs twice, with Heartbeat as ha1 and
 * as ha2, so that either kind prefers the group; every test checks that the client never hears both
 * nodes interleaved, and at the end the Systole node's journal is audited and replayed. Needs root,
 * {@code heartbeat}, resource-agents, busybox and python3.
 *
 * <p>The ha.cf is Heartbeat's (no {@code systole_*} directive); the Systole node's copy adds only
 * the test rig's journal signing key ({@link NetnsCluster#configure}).
 */
class MixedClusterIT {
  private static final String ADDRESS = "10.77.0.50";
  private static final long DEADTIME_MS = 2000;

  /**
   * Detection (deadtime, plus Heartbeat's 250 ms check granularity), then the takeover: Heartbeat's
   * mach_down script and ResourceManager (0.4-0.8 s), IPaddr2 and websvc, on a loaded machine.
   */
  private static final long FAILOVER_BOUND_MS = DEADTIME_MS + 3000;

  /**
   * What {@code rscstatus} (Heartbeat's {@code cl_status} and Systole's) says when node {@code i}
   * holds the group: the sets are relative to the node, and ha1 prefers the one group, so ha1 holds
   * it as {@code local} (or {@code all}) and ha2 as {@code foreign} (or {@code all}). ha2,
   * preferring nothing, says {@code local} when it holds nothing but its empty set, as Heartbeat
   * does.
   */
  private static Set<String> holding(final int i) {
    return i == 1 ? Set.of("local", "all") : Set.of("foreign", "all");
  }

  /** What {@code rscstatus} says when node {@code i} holds nothing of the group. */
  private static Set<String> free(final int i) {
    return i == 1 ? Set.of("none", "foreign") : Set.of("none", "local");
  }

  @TempDir Path tmp;
  private NetnsCluster cluster;

  /** The node that runs Heartbeat (the other runs Systole). */
  private int heartbeat;

  @BeforeEach
  void cluster() throws Exception {
    cluster = new NetnsCluster("sy-mx" + ProcessHandle.current().pid() % 10000, 2, tmp);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (Boolean.getBoolean("mixed.logs")) {
      System.out.println(cluster.logs()); // -Dmixed.logs=true: both nodes' logs, passed or not
    }
    try {
      cluster.verifyJournals();
    } finally {
      cluster.close();
    }
  }

  private int systole() {
    return 3 - heartbeat;
  }

  private static String node(final int i) {
    return NetnsCluster.node(i);
  }

  /**
   * Both nodes' configuration, Heartbeat on node {@code heartbeatNode}. keepalive 500 ms, deadtime
   * 2 s, warntime 1 s and initdead 4 s (Heartbeat warns below twice deadtime): a fast failover that
   * Heartbeat keeps to on a busy two-core machine; initdead only delays a node started alone.
   * {@code logfile} is Heartbeat's private /var/log; the Systole daemon logs where the rig says.
   */
  private void configure(final int heartbeatNode, final String failback) throws Exception {
    heartbeat = heartbeatNode;
    final String haCf =
        String.join(
            "\n",
            "logfile /var/log/ha-log",
            "keepalive 500ms",
            "warntime 1",
            "deadtime " + DEADTIME_MS / 1000,
            "initdead 4",
            "bcast eth0",
            "auto_failback " + failback,
            "node ha1",
            "node ha2",
            "");
    final String haresources =
        "ha1 IPaddr2::"
            + ADDRESS
            + "/24/eth0 websvc::"
            + tmp.resolve("svc")
            + "::"
            + ADDRESS
            + "\n";
    final String authkeys = "auth 1\n1 sha1 mixed-cluster-it-secret\n";
    for (int i = 1; i <= 2; i++) {
      NetnsCluster.installResourceScripts(
          i == heartbeat
              ? cluster.configureHeartbeat(i, haCf, haresources, authkeys)
              : cluster.configure(i, haCf, haresources, authkeys),
          "websvc");
    }
  }

  private void start(final int i) throws Exception {
    if (i == heartbeat) {
      // A new PID namespace: websvc's PID file from the last one names nobody (as after a reboot),
      // or another process there that would pass for the server.
      Files.deleteIfExists(tmp.resolve("svc").resolve(node(i)).resolve("websvc.pid"));
      cluster.heartbeat(i).start();
    } else {
      cluster.start(i);
    }
  }

  /** SIGKILL of node {@code i}'s daemon: Systole's JVM, or Heartbeat's master control process. */
  private void kill(final int i) throws Exception {
    if (i == heartbeat) {
      cluster.heartbeat(i).signal("KILL");
      assertTrue(cluster.heartbeat(i).awaitExit(30), "Heartbeat's namespaces end with it");
      // The node's death, as a machine's: its address goes with it. A Heartbeat killed on a
      // live machine leaves the address up, and restarted it finds it up, so it starts the
      // group without re-announcing it: its clients stay with the peer's stale ARP entry until
      // it expires (some 45 s here), which is Heartbeat's behaviour and no failover measure.
      cluster.dropAddress(i, ADDRESS, 24);
    } else {
      cluster.signal(i, "KILL");
      assertTrue(cluster.daemon(i).waitFor(30, TimeUnit.SECONDS), "the daemon is gone");
    }
  }

  /** {@code standby} or {@code takeover} of every group on node {@code i}, by its own tool. */
  private void admin(final int i, final String command) throws Exception {
    if (i == heartbeat) {
      cluster.heartbeat(i).admin("hb_" + command, "all");
    } else {
      assertNotNull(cluster.ask(i, command, "all"), "systole " + command + " on " + node(i));
    }
  }

  /** What node {@code i} says it holds (local, foreign, all, none, transition), or null. */
  private String rscstatus(final int i) throws Exception {
    if (i == heartbeat) {
      return cluster.heartbeat(i).clStatus("rscstatus");
    }
    final String out = cluster.ask(i, "rscstatus");
    return out == null ? null : out.strip();
  }

  /**
   * Waits until Systole says the Heartbeat node is up and Heartbeat's {@code cl_status} says the
   * Systole node is active.
   */
  private void awaitEachSeesTheOther() throws Exception {
    final String hb = node(heartbeat);
    final String sy = node(systole());
    cluster.await(systole(), hb + " up", s -> "up".equals(NetnsCluster.nodeStatus(s, hb)), 30);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = null;
    while (System.nanoTime() < deadline) {
      last = cluster.heartbeat(heartbeat).clStatus("nodestatus", sy);
      if ("active".equals(last)) {
        return;
      }
      Thread.sleep(200);
    }
    fail("Heartbeat never said " + sy + " is active; last: " + last + "\n" + cluster.logs());
  }

  /**
   * Starts the poller and both nodes together (Systole first: Heartbeat must hear it within its
   * initdead), waits until each sees the other and ha1 serves; returns when ha1 first answered.
   */
  private long startBothUntilHa1Serves() throws Exception {
    cluster.startPolling(ADDRESS);
    final long started = NetnsCluster.nowMicros();
    start(systole());
    start(heartbeat);
    awaitEachSeesTheOther();
    final long first = cluster.awaitAnswerFrom("ha1", started, 40);
    System.out.printf(
        "Heartbeat is %s: started together, ha1 served after %d ms%n",
        node(heartbeat), (first - started) / 1000);
    return first;
  }

  /** Runs {@code action}, then waits until the client hears {@code node}; prints how long. */
  private long measure(final String what, final String node, final Action action) throws Exception {
    final long before = NetnsCluster.nowMicros();
    action.run();
    final long answered = cluster.awaitAnswerFrom(node, before, 60);
    final long ms = (answered - before) / 1000;
    System.out.printf(
        "Heartbeat is %s: %s: %s answered after %d ms%n", node(heartbeat), what, node, ms);
    return ms;
  }

  /** A step of a test that may throw. */
  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  /** Waits until node {@code i}'s rscstatus is in {@code wanted}. */
  private void awaitRscstatus(final int i, final Set<String> wanted, final int seconds)
      throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = null;
    while (System.nanoTime() < deadline) {
      last = rscstatus(i);
      if (wanted.contains(last)) {
        return;
      }
      Thread.sleep(200);
    }
    fail(
        node(i)
            + "'s rscstatus never was one of "
            + wanted
            + "; last: "
            + last
            + "\n"
            + cluster.logs());
  }

  /**
   * Waits until none of {@code nodes} (all if none given) is in transition. Heartbeat is from
   * taking a group until its resource timer (about 10 s) expires, and meanwhile ignores standby
   * requests ("local resources in flux") and delays its shutdown.
   */
  private void awaitStable(final int... nodes) throws Exception {
    final Set<String> stable = Set.of("local", "foreign", "all", "none");
    for (final int i : nodes.length == 0 ? new int[] {1, 2} : nodes) {
      awaitRscstatus(i, stable, 30);
    }
  }

  /** Since {@code fromMicros}, every answer the client got came from {@code node}. */
  private void assertOnlyAnswersFrom(final String node, final long fromMicros, final String why)
      throws Exception {
    for (final NetnsCluster.Answer a : cluster.answers()) {
      if (a.micros() >= fromMicros && a.answered() && !node.equals(a.node())) {
        fail(why + ": " + a.node() + " answered at " + a.micros() + "\n" + cluster.logs());
      }
    }
  }

  @ParameterizedTest(name = "Heartbeat is ha{0}")
  @ValueSource(ints = {1, 2})
  void killedOwnerIsReplacedAndOnItsReturnTakesTheGroupBackWithAutoFailbackOn(final int hb)
      throws Exception {
    configure(hb, "on");
    final long first = startBothUntilHa1Serves();
    awaitStable();

    final long outageMs = measure("kill -9 of ha1", "ha2", () -> kill(1));
    if (outageMs > FAILOVER_BOUND_MS) {
      fail("ha2 answered " + outageMs + " ms after ha1 was killed\n" + cluster.logs());
    }

    awaitStable(2);
    measure("ha1 restarted (auto_failback on)", "ha1", () -> start(1));
    awaitRscstatus(2, free(2), 30);
    awaitRscstatus(1, holding(1), 30);
    final long back = NetnsCluster.nowMicros();
    Thread.sleep(3000);
    assertOnlyAnswersFrom("ha1", back, "the group is back on ha1");
    assertSoleOwner(1);
    cluster.assertOneNodeAtATime(first, 2);
    sigtermOfTheOwnerHandsOverAndHeartbeatsClaimsAreJournaled();
  }

  /**
   * The owner ha1 stopped by SIGTERM hands its group to ha2 at once, whichever kind each is. The
   * Systole node's journal then holds PeerClaim and PeerRelease entries of the Heartbeat node: it
   * took the group (at the start, or as ha2 after the kill) and gave it up (at the SIGTERM, or as
   * ha2 on the failback).
   */
  private void sigtermOfTheOwnerHandsOverAndHeartbeatsClaimsAreJournaled() throws Exception {
    awaitStable();
    // The owner, ha1, stops cleanly: Heartbeat's shutdone, or Systole's, hands the group over.
    final long handoverMs =
        measure(
            "SIGTERM of the owner ha1 (" + (heartbeat == 1 ? "Heartbeat" : "Systole") + ")",
            "ha2",
            () -> {
              if (heartbeat == 1) {
                cluster.heartbeat(1).signal("TERM");
              } else {
                cluster.signal(1, "TERM");
              }
            });
    assertTrue(handoverMs <= FAILOVER_BOUND_MS, "handover took " + handoverMs + " ms");
    assertTrue(
        heartbeat == 1
            ? cluster.heartbeat(1).awaitExit(60)
            : cluster.daemon(1).waitFor(60, TimeUnit.SECONDS),
        "ha1 stops on SIGTERM");
    final String journal = cluster.journal(systole());
    final String hb = node(heartbeat);
    assertTrue(
        journal.contains(" PeerClaim node=" + hb + " "), "no PeerClaim of " + hb + ":\n" + journal);
    assertTrue(
        journal.contains(" PeerRelease node=" + hb + " "),
        "no PeerRelease of " + hb + ":\n" + journal);
  }

  @ParameterizedTest(name = "Heartbeat is ha{0}")
  @ValueSource(ints = {1, 2})
  void withAutoFailbackOffTheNodeThatJoinsLeavesTheGroupWhereItRuns(final int hb) throws Exception {
    configure(hb, "off");
    cluster.startPolling(ADDRESS);
    final long started = NetnsCluster.nowMicros();
    start(2);
    final long first = cluster.awaitAnswerFrom("ha2", started, 60);
    System.out.printf(
        "Heartbeat is %s: ha2 alone served after %d ms (initdead 4 s)%n",
        node(heartbeat), (first - started) / 1000);
    awaitRscstatus(2, holding(2), 20);

    final long joined = NetnsCluster.nowMicros();
    start(1);
    awaitEachSeesTheOther();
    // Heartbeat's join takes up to its 10 s request delay (RQSTDELAY): watch past it.
    Thread.sleep(12_000);
    assertOnlyAnswersFrom("ha2", joined, "auto_failback off: the group stays on ha2");
    assertSoleOwner(2);
    cluster.assertOneNodeAtATime(first, 0);
  }

  @ParameterizedTest(name = "Heartbeat is ha{0}")
  @ValueSource(ints = {1, 2})
  void theOwnersLinkDownMovesTheGroupAndAfterTheHealOneNodeServes(final int hb) throws Exception {
    configure(hb, "off");
    final long first = startBothUntilHa1Serves();
    awaitStable();

    final long outageMs = measure("ha1's link down", "ha2", () -> cluster.link(1, false));
    assertTrue(outageMs <= FAILOVER_BOUND_MS, "failover took " + outageMs + " ms");
    Thread.sleep(3000);

    // The heal: both hold the group. Heartbeat, finding its peer back from a partition, gives up
    // and restarts itself; its API does not answer meanwhile. Wait until one node holds it.
    final long healed = NetnsCluster.nowMicros();
    cluster.link(1, true);
    final int owner = awaitOneOwner(60);
    final long settled = NetnsCluster.nowMicros();
    System.out.printf(
        "Heartbeat is %s: heal: only %s holds the group after %d ms%n",
        node(heartbeat), node(owner), (settled - healed) / 1000);
    Thread.sleep(5000);
    assertOnlyAnswersFrom(node(owner), settled, "the client stays on the one owner");
    cluster.awaitAnswerFrom(node(owner), settled, 10);
    assertSoleOwner(owner);
    cluster.assertOneNodeAtATime(first, 3);
  }

  /**
   * Waits until exactly one node says it holds the group and only it has the address, twice in a
   * row a second apart; returns that node.
   */
  private int awaitOneOwner(final int seconds) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int previous = 0;
    final StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline) {
      seen.setLength(0);
      final int owner = soleOwner(seen);
      if (owner != 0 && owner == previous) {
        return owner;
      }
      previous = owner;
      Thread.sleep(1000);
    }
    return fail("never exactly one owner; last: " + seen + "\n" + cluster.logs());
  }

  /**
   * The node that alone holds the group, by its own word (rscstatus) and the address on its eth0,
   * or 0; {@code seen} gets what each node said.
   */
  private int soleOwner(final StringBuilder seen) throws Exception {
    int owner = 0;
    for (int i = 1; i <= 2; i++) {
      final String said = rscstatus(i);
      final boolean address = cluster.hasAddress(i, ADDRESS);
      seen.append(node(i)).append(' ').append(said).append(address ? " +address; " : "; ");
      final boolean holds = holding(i).contains(said) && address;
      if (!holds && free(i).contains(said) && !address) {
        continue;
      }
      owner = holds && owner == 0 ? i : -1;
    }
    return Math.max(owner, 0);
  }

  private void assertSoleOwner(final int owner) throws Exception {
    final StringBuilder seen = new StringBuilder();
    if (soleOwner(seen) != owner) {
      fail(node(owner) + " is not the sole owner: " + seen + "\n" + cluster.logs());
    }
  }

  @ParameterizedTest(name = "Heartbeat is ha{0}")
  @ValueSource(ints = {1, 2})
  void standbyAndTakeoverOnEitherNodeMoveTheGroup(final int hb) throws Exception {
    configure(hb, "off");
    final long first = startBothUntilHa1Serves();
    final List<Move> moves =
        List.of(
            // standby on the holder moves the group off it, takeover on that node brings it back
            // (and ends a Systole node's standby: until then it takes nothing, not even by a
            // peer's standby); then the same from the other node
            new Move(1, "standby", 2),
            new Move(1, "takeover", 1),
            new Move(2, "takeover", 2),
            new Move(2, "standby", 1));
    for (final Move m : moves) {
      awaitStable();
      final String tool = m.on() == heartbeat ? "hb_" + m.command() : "systole " + m.command();
      measure(tool + " on " + node(m.on()), node(m.to()), () -> admin(m.on(), m.command()));
      awaitRscstatus(3 - m.to(), free(3 - m.to()), 30);
      awaitRscstatus(m.to(), holding(m.to()), 30);
    }
    cluster.assertOneNodeAtATime(first, moves.size());
  }

  /** {@code command} (standby, takeover) on node {@code on} moves the group to node {@code to}. */
  private record Move(int on, String command, int to) {}

  @ParameterizedTest(name = "Heartbeat is ha{0}")
  @ValueSource(ints = {1, 2})
  void autoFailbackLegacyNextToHeartbeatIsAnErrorAndTheSystoleNodeNeverServes(final int hb)
      throws Exception {
    configure(hb, "legacy");
    cluster.startPolling(ADDRESS);
    final long started = NetnsCluster.nowMicros();
    start(systole());
    start(heartbeat);
    final String hbName = node(heartbeat);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String error = null;
    while (error == null && System.nanoTime() < deadline) {
      error =
          cluster
              .log(systole())
              .lines()
              .filter(
                  l ->
                      l.contains("ERROR")
                          && l.contains(hbName)
                          && l.contains("auto_failback")
                          && l.contains("legacy"))
              .findFirst()
              .orElse(null);
      Thread.sleep(200);
    }
    assertNotNull(
        error,
        "no ERROR naming " + hbName + ", auto_failback and legacy:\n" + cluster.log(systole()));
    Thread.sleep(15_000); // past Heartbeat's own resource acquisition
    assertOnlyAnswersFrom(hbName, started, "the Systole node never serves next to Heartbeat");
    final String said = rscstatus(systole());
    if (!free(systole()).contains(said) || cluster.hasAddress(systole(), ADDRESS)) {
      fail("the Systole node holds (" + said + ") next to Heartbeat\n" + cluster.logs());
    }
  }
}
