package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split brain with real daemons in network namespaces: a two-node cluster with an {@code external}
 * STONITH device that powers off the other node's namespace (kills everything in it, takes its link
 * down, and records who asked), a three-node cluster with quorum cut 2+1, and a ping node the owner
 * loses. Heartbeats are cut on the bridge (nftables), so the client still reaches every node. Needs
 * root, nftables, resource-agents and busybox (CI installs them).
 */
class SplitBrainIT {
  private static final long DEADTIME_MS = 1000;
  private static final String ADDRESS = "10.77.0.100";
  private static final String HEARTBEATS = "udp dport 694";

  @TempDir Path tmp;
  private NetnsCluster cluster;

  @AfterEach
  void cleanUp() throws Exception {
    if (cluster == null) {
      return;
    }
    try {
      cluster.verifyJournals();
    } finally {
      cluster.close();
    }
  }

  private String prefix() {
    return "sy-sb" + ProcessHandle.current().pid() % 10000;
  }

  /**
   * Every node's configuration: ucast heartbeats between all of them, the group(s) given, the
   * test's service script, and {@code extra} ha.cf lines.
   */
  private void configure(final int nodes, final String haresources, final String... extra)
      throws Exception {
    final List<String> lines = new ArrayList<>();
    lines.add("keepalive 200ms");
    lines.add("warntime 500ms");
    lines.add("deadtime " + DEADTIME_MS + "ms");
    lines.add("initdead 3");
    for (int i = 1; i <= nodes; i++) {
      lines.add("ucast eth0 10.77.0." + i);
    }
    lines.add("systole_monitor_interval 1");
    lines.addAll(List.of(extra));
    for (int i = 1; i <= nodes; i++) {
      lines.add("node ha" + i);
    }
    lines.add("");
    for (int i = 1; i <= nodes; i++) {
      final Path etc =
          cluster.configure(
              i, String.join("\n", lines), haresources + "\n", "auth 1\n1 sha1 split-brain-it\n");
      final Path scripts = Files.createDirectories(etc.resolve("resource.d"));
      Files.copy(
          Path.of("src/test/resources/failover/websvc"),
          scripts.resolve("websvc"),
          StandardCopyOption.REPLACE_EXISTING);
      scripts.resolve("websvc").toFile().setExecutable(true);
    }
  }

  private String serviceGroup(final String node, final String address) {
    return node
        + " IPaddr2::"
        + address
        + "/24/eth0 websvc::"
        + tmp.resolve("svc-" + address)
        + "::"
        + address;
  }

  /**
   * The test's STONITH device, called as {@code fence-ns VERB NODE}: for off and reset it kills
   * every process in NODE's namespace and takes its link down (a power switch would do no less),
   * after writing "VERB NODE by NAMESPACE" to {@link #fenceLog()}.
   */
  private Path fenceDevice() throws Exception {
    final Path script = tmp.resolve("fence-ns");
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/bash",
            "verb=$1 node=$2 ns=" + prefix() + "-${2#ha}",
            "echo \"$verb $node by $(ip netns identify $$)\" >> " + fenceLog(),
            "case $verb in",
            "  off|reset)",
            "    ip -n \"$ns\" link set eth0 down",
            "    pids=$(ip netns pids \"$ns\")",
            "    [ -z \"$pids\" ] || kill -9 $pids",
            "    ;;",
            "esac",
            "exit 0",
            ""));
    script.toFile().setExecutable(true);
    return script;
  }

  private Path fenceLog() {
    return tmp.resolve("fenced");
  }

  private List<String> fenced() throws Exception {
    return Files.exists(fenceLog()) ? Files.readAllLines(fenceLog()) : List.of();
  }

  /** Cuts the heartbeats between nodes {@code a} and {@code b}, both ways. */
  private void cutHeartbeats(final int a, final int b) throws Exception {
    cluster.cut(a, b, HEARTBEATS);
    cluster.cut(b, a, HEARTBEATS);
  }

  @Test
  void aCutHeartbeatLinkEndsWithTheHolderServingAndThePeerFenced() throws Exception {
    cluster = new NetnsCluster(prefix(), 2, tmp);
    configure(
        2,
        serviceGroup("ha1", ADDRESS),
        "auto_failback off",
        "stonith_host * external " + fenceDevice(),
        "systole_fence_delay 3");
    cluster.startPolling(ADDRESS);
    cluster.start(1);
    cluster.start(2);
    final long first = cluster.awaitAnswerFrom("ha1", 0, 60);
    Thread.sleep(4000); // past initdead

    cutHeartbeats(1, 2);
    // ha1 holds the group, so it fences at once; ha2 would wait 3 s and is fenced before.
    awaitFenced("reset ha2 by " + prefix() + "-1");
    assertTrue(cluster.daemon(2).waitFor(10, TimeUnit.SECONDS), "ha2's daemon was killed");
    cluster.killedElsewhere(2);
    Thread.sleep(2 * DEADTIME_MS + 3000); // ha2's delay would be over by now
    assertEquals(List.of("reset ha2 by " + prefix() + "-1"), fenced(), "ha1 was never fenced");
    final Map<String, Object> ha1 = cluster.status(1);
    assertEquals("dead", NetnsCluster.nodeStatus(ha1, "ha2"));
    assertEquals("succeeded", nodeField(ha1, "ha2", "fence"));
    assertEquals("local\n", cluster.ask(1, "rscstatus"));
    final long since = NetnsCluster.nowMicros() - 2_000_000L;
    assertTrue(
        cluster.answers().stream().anyMatch(a -> a.micros() >= since && "ha1".equals(a.node())),
        "ha1 still serves");
    cluster.assertOneNodeAtATime(first, 0);
  }

  @Test
  void aKilledOwnersGroupMovesOnlyOnceItIsFenced() throws Exception {
    cluster = new NetnsCluster(prefix(), 2, tmp);
    configure(
        2,
        serviceGroup("ha1", ADDRESS),
        "auto_failback off",
        "stonith_host * external " + fenceDevice(),
        "systole_fence_delay 2");
    cluster.startPolling(ADDRESS);
    cluster.start(1);
    cluster.start(2);
    final long first = cluster.awaitAnswerFrom("ha1", 0, 60);
    Thread.sleep(4000);

    final long killed = NetnsCluster.nowMicros();
    cluster.signal(1, "KILL"); // the daemon only: its service would run on, unfenced
    final long survivor = cluster.awaitAnswerFrom("ha2", killed, 30);
    System.out.printf(
        "kill -9 of the owner with fencing (delay 2 s): ha2 answered after %d ms%n",
        (survivor - killed) / 1000);
    assertEquals(List.of("reset ha1 by " + prefix() + "-2"), fenced());
    final List<String> log = cluster.log(2).lines().toList();
    final int fence = firstLine(log, "Fence target=ha1 ", "phase=succeeded");
    final int start = firstLine(log, "GroupStart group=IPaddr2::" + ADDRESS, "phase=requested");
    assertTrue(fence >= 0 && start > fence, "ha2 started the group after the fence:\n" + log);
    cluster.assertOneNodeAtATime(first, 1);
  }

  @Test
  void aMinorityOfThreeStopsItsGroupAndTheMajorityRunsIt() throws Exception {
    cluster = new NetnsCluster(prefix(), 3, tmp);
    configure(3, serviceGroup("ha3", ADDRESS), "auto_failback off", "systole_quorum majority");
    cluster.startPolling(ADDRESS);
    for (int i = 1; i <= 3; i++) {
      cluster.start(i);
    }
    cluster.awaitAnswerFrom("ha3", 0, 60);
    Thread.sleep(4000);

    final long cut = NetnsCluster.nowMicros();
    cutHeartbeats(3, 1);
    cutHeartbeats(3, 2);
    cluster.await(3, "its quorum lost", s -> Boolean.FALSE.equals(s.get("quorum")), 30);
    awaitRscstatus(3, "none\n");
    final long stopped = NetnsCluster.nowMicros();
    System.out.printf(
        "partition 2+1: the minority's group stopped %d ms after the cut (deadtime %d ms)%n",
        (stopped - cut) / 1000, DEADTIME_MS);
    final long majority = cluster.awaitAnswerFrom("ha1", cut, 30);
    System.out.printf("the majority's ha1 answered %d ms after the cut%n", (majority - cut) / 1000);
    assertEquals(Boolean.TRUE, cluster.status(1).get("quorum"));
    assertEquals("foreign\n", cluster.ask(1, "rscstatus"));
    assertEquals("none\n", cluster.ask(2, "rscstatus"));
    assertTrue(cluster.log(3).contains("stop-no-quorum"), cluster.log(3));
    Thread.sleep(3000);
    assertEquals("none\n", cluster.ask(3, "rscstatus"), "the minority starts nothing");
  }

  @Test
  void anOwnerThatLosesThePingNodeHandsTheGroupOverOnceAndItStays() throws Exception {
    cluster = new NetnsCluster(prefix(), 2, tmp);
    configure(2, serviceGroup("ha1", ADDRESS), "auto_failback on", "ping 10.77.0.250");
    cluster.startPolling(ADDRESS);
    cluster.start(1);
    cluster.start(2);
    cluster.awaitAnswerFrom("ha1", 0, 60);
    for (int i = 1; i <= 2; i++) {
      final String node = "ha" + i;
      cluster.await(i, "the ping node reached", s -> pings(s, node).size() == 1, 30);
    }

    final long cut = NetnsCluster.nowMicros();
    cluster.cut(1, 0, "icmp type echo-request");
    final long moved = cluster.awaitAnswerFrom("ha2", cut, 30);
    System.out.printf(
        "ping node lost by the owner: ha2 answered after %d ms%n", (moved - cut) / 1000);
    Thread.sleep(8000); // the path stays down: the group must stay
    assertEquals("foreign\n", cluster.ask(2, "rscstatus"));
    assertEquals("none\n", cluster.ask(1, "rscstatus"));
    assertEquals(
        1,
        cluster
            .log(2)
            .lines()
            .filter(l -> l.contains("GroupStart group=IPaddr2::" + ADDRESS))
            .filter(l -> l.contains("phase=requested"))
            .count(),
        "ha2 started the group once");
    assertTrue(cluster.log(1).contains("stop-ping"), cluster.log(1));
    cluster.assertOneNodeAtATime(moved, 0);

    // The path comes back: with auto_failback on the group returns, once the path has held.
    cluster.healCuts();
    cluster.awaitAnswerFrom("ha1", NetnsCluster.nowMicros(), 60);
    awaitRscstatus(1, "local\n");
  }

  @Test
  void aQuorumFileLetsExactlyOneOfTwoHalvesRunAndPassesOnWithItsHolder() throws Exception {
    cluster = new NetnsCluster(prefix(), 2, tmp);
    final Path lock = tmp.resolve("quorum.lock");
    configure(
        2,
        serviceGroup("ha2", ADDRESS),
        "auto_failback off",
        "systole_quorum majority",
        "systole_tiebreaker " + lock);
    cluster.startPolling(ADDRESS);
    cluster.start(1); // ha1 takes the lock first: it is free
    cluster.await(1, "the quorum file locked", s -> pings(s, "ha1").contains(lock.toString()), 30);
    cluster.start(2);
    final long first = cluster.awaitAnswerFrom("ha2", 0, 60);
    Thread.sleep(4000);

    // ha2 runs the group, ha1 holds the lock: cut apart, only ha1's half has quorum.
    final long cut = NetnsCluster.nowMicros();
    cutHeartbeats(1, 2);
    cluster.await(2, "its quorum lost", s -> Boolean.FALSE.equals(s.get("quorum")), 30);
    awaitRscstatus(2, "none\n");
    final long moved = cluster.awaitAnswerFrom("ha1", cut, 30);
    System.out.printf(
        "quorum file, heartbeats cut: the lock holder ha1 answered after %d ms%n",
        (moved - cut) / 1000);
    Thread.sleep(3000);
    assertEquals("foreign\n", cluster.ask(1, "rscstatus"));
    assertEquals("none\n", cluster.ask(2, "rscstatus"), "the half without the lock runs nothing");
    assertEquals(Boolean.TRUE, cluster.status(1).get("quorum"));
    cluster.assertOneNodeAtATime(first, 1);

    // The holder goes off: the kernel releases its lock, and the other half takes it and the group.
    final long off = NetnsCluster.nowMicros();
    cluster.powerOff(1);
    final long survivor = cluster.awaitAnswerFrom("ha2", off, 30);
    System.out.printf(
        "quorum file, holder off: ha2 took the lock and answered after %d ms%n",
        (survivor - off) / 1000);
    assertTrue(pings(cluster.status(2), "ha2").contains(lock.toString()));
  }

  private void awaitFenced(final String line) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (fenced().contains(line)) {
        return;
      }
      Thread.sleep(100);
    }
    fail("never fenced: " + line + "; fence log " + fenced() + "\n" + cluster.logs());
  }

  private void awaitRscstatus(final int i, final String expected) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = null;
    while (System.nanoTime() < deadline) {
      last = cluster.ask(i, "rscstatus");
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(100);
    }
    fail(
        "ha"
            + i
            + " rscstatus never said "
            + expected.strip()
            + " (last "
            + last
            + ")\n"
            + cluster.logs());
  }

  @SuppressWarnings("unchecked")
  private static Object nodeField(
      final Map<String, Object> status, final String node, final String field) {
    for (final Object o : (List<Object>) status.get("nodes")) {
      final Map<String, Object> n = (Map<String, Object>) o;
      if (node.equals(n.get("name"))) {
        return n.get(field);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> pings(final Map<String, Object> status, final String node) {
    final Object p = nodeField(status, node, "pings");
    return p == null ? List.of() : (List<Object>) p;
  }

  /** The index of the first of {@code lines} that contains both strings, or -1. */
  private static int firstLine(final List<String> lines, final String a, final String b) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(a) && lines.get(i).contains(b)) {
        return i;
      }
    }
    return -1;
  }
}
