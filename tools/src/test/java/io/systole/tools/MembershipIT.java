package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Systole daemons, each in a network namespace of its own on one bridge ({@link
 * NetnsCluster}), heart beating over ucast (and a serial cable): they see each other up, a SIGKILL
 * of one makes the other declare it dead within deadtime plus one keepalive, SIGTERM stops a daemon
 * cleanly with its stop journaled, sealed envelopes carry the heartbeats, and keys rotate by
 * SIGHUP. Needs root (CI runs as root).
 */
class MembershipIT {
  private static final String PREFIX = "sy-mbr";
  private static final long DEADTIME_MS = 1000;
  private static final long KEEPALIVE_MS = 200;
  private static final long SCHEDULING_SLACK_MS = 1000;

  @TempDir Path tmp;
  private NetnsCluster cluster;

  @BeforeEach
  void network() throws Exception {
    cluster = new NetnsCluster(PREFIX, 2, tmp);
  }

  @AfterEach
  void cleanUp() throws Exception {
    cluster.close();
  }

  private static int index(final String node) {
    return Integer.parseInt(node.substring(2));
  }

  private Path config(final String node) throws Exception {
    return config(node, List.of());
  }

  private Path config(final String node, final List<String> extra) throws Exception {
    return config(node, extra, "auth 1\n1 sha1 membership-it-secret\n");
  }

  private Path config(final String node, final List<String> extra, final String authkeys)
      throws Exception {
    return cluster.configure(
        index(node),
        String.join(
            "\n",
            "keepalive " + KEEPALIVE_MS + "ms",
            "warntime 500ms",
            "deadtime " + DEADTIME_MS + "ms",
            "initdead 3",
            "ucast eth0 10.77.0.1",
            "ucast eth0 10.77.0.2",
            String.join("\n", extra),
            "auto_failback on",
            "node ha1",
            "node ha2",
            ""),
        "",
        authkeys);
  }

  private Process daemon(final String node) throws Exception {
    config(node);
    return cluster.start(index(node));
  }

  private Map<String, Object> status(final String node) throws Exception {
    return cluster.status(index(node));
  }

  private String log(final String node) throws Exception {
    return cluster.log(index(node));
  }

  /** The status of {@code node}'s link {@code link} in {@code status}, or null. */
  @SuppressWarnings("unchecked")
  private static Boolean linkUp(
      final Map<String, Object> status, final String node, final String link) {
    for (final Object o : (List<Object>) status.get("nodes")) {
      final Map<String, Object> n = (Map<String, Object>) o;
      if (n.get("name").equals(node)) {
        for (final Object l : (List<Object>) n.get("links")) {
          final Map<String, Object> m = (Map<String, Object>) l;
          if (m.get("link").equals(link)) {
            return (Boolean) m.get("up");
          }
        }
      }
    }
    return null;
  }

  private static String statusOf(final Map<String, Object> status, final String node) {
    return NetnsCluster.nodeStatus(status, node);
  }

  private static long nowMicros() {
    final java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** When {@code node}'s status last changed, as {@code status --json} prints it. */
  @SuppressWarnings("unchecked")
  private static long sinceOf(final Map<String, Object> status, final String node) {
    for (final Object o : (List<Object>) status.get("nodes")) {
      final Map<String, Object> n = (Map<String, Object>) o;
      if (n.get("name").equals(node)) {
        final java.time.Instant t =
            java.time.ZonedDateTime.parse(
                    (String) n.get("since"),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS z"))
                .toInstant();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
      }
    }
    return fail("no node " + node + " in " + status);
  }

  /** Polls {@code node}'s status until {@code peer} has {@code wanted}, for up to 20 s. */
  private Map<String, Object> await(final String node, final String peer, final String wanted)
      throws Exception {
    return cluster.await(
        index(node), peer + " " + wanted, s -> wanted.equals(statusOf(s, peer)), 20);
  }

  @Test
  void twoDaemonsSeeEachOtherAndAKilledOneIsDeclaredDeadWithinDeadtimePlusKeepalive()
      throws Exception {
    final Process ha1 = daemon("ha1");
    final Process ha2 = daemon("ha2");
    await("ha1", "ha2", "up");
    await("ha2", "ha1", "up");
    // Past initdead (3 s from ha1's start): until then a silent peer is not declared dead, so a
    // kill right after the two met would be judged by initdead, not deadtime.
    Thread.sleep(3000);

    final long killedAtMicros = nowMicros();
    ha2.descendants().forEach(ProcessHandle::destroyForcibly); // kill -9 of the JVM
    ha2.destroyForcibly();
    final long deadSince = sinceOf(await("ha1", "ha2", "dead"), "ha2");
    // Deadtime + one keepalive, plus a second for scheduling on a busy two-core test machine.
    assertTrue(
        deadSince - killedAtMicros <= (DEADTIME_MS + KEEPALIVE_MS + SCHEDULING_SLACK_MS) * 1000,
        "ha2 declared dead " + (deadSince - killedAtMicros) / 1000 + " ms after the kill");

    // The evidence in ha1's journal: declared dead within deadtime + keepalive of the last
    // heartbeat.
    final String journal = dump("ha1");
    assertTrue(journal.contains("NodeUp node=ha2 link=eth0"), journal);
    assertTrue(journal.contains("NodeDead node=ha2 deadtime=1s"), journal);

    ha1.toHandle().descendants().forEach(ProcessHandle::destroy);
    ha1.destroy(); // SIGTERM (ip netns exec and the launcher exec the JVM)
    assertTrue(ha1.waitFor(30, TimeUnit.SECONDS), "ha1 stops on SIGTERM");
    final String log = log("ha1");
    assertTrue(log.contains("DaemonStopped reason=SIGTERM"), log);
  }

  @Test
  void aCutSerialCableKillsOnlyTheSerialLinkWhileUdpCarriesOn() throws Exception {
    final Path ttyA = tmp.resolve("ttyA");
    final Path ttyB = tmp.resolve("ttyB");
    final Process cable = cable(ttyA, ttyB);
    config("ha1", List.of("baud 19200", "serial " + ttyA));
    config("ha2", List.of("baud 19200", "serial " + ttyB));
    cluster.start(1);
    cluster.start(2);
    await("ha1", "ha2", "up");
    awaitLink("ha1", "ha2", ttyA.toString(), true);
    awaitLink("ha1", "ha2", "eth0", true);

    cable.destroyForcibly(); // the cable is cut
    cable.waitFor(10, TimeUnit.SECONDS);
    final Map<String, Object> after = awaitLink("ha1", "ha2", ttyA.toString(), false);
    assertEquals("up", statusOf(after, "ha2"), "the node stays up over UDP");
    assertEquals(Boolean.TRUE, linkUp(after, "ha2", "eth0"));
  }

  @Test
  void sealedEnvelopesCarryHeartbeatsOnUdpAndOnTheSerialLine() throws Exception {
    final Path ttyA = tmp.resolve("ttyA");
    final Path ttyB = tmp.resolve("ttyB");
    cable(ttyA, ttyB);
    // Key 2 seals; key 1 opens too (the rotation state), so both slots are wired.
    final String keys =
        "auth 2\n1 systole-hmac-sha256 membership-it-old\n"
            + "2 systole-aes256-gcm membership-it-new\n";
    // An envelope travels in hex on a serial line, twice its size: a faster line for 5 a second.
    config("ha1", List.of("baud 115200", "serial " + ttyA), keys);
    config("ha2", List.of("baud 115200", "serial " + ttyB), keys);
    cluster.start(1);
    cluster.start(2);
    await("ha1", "ha2", "up");
    await("ha2", "ha1", "up");
    awaitLink("ha1", "ha2", ttyA.toString(), true);
    awaitLink("ha2", "ha1", ttyB.toString(), true);
    final Map<String, Object> s = awaitLink("ha1", "ha2", "eth0", true);
    final String log = log("ha1");
    assertTrue(log.contains("sends Systole envelopes (systole-aes256-gcm, key 2)"), log);
    @SuppressWarnings("unchecked")
    final Map<String, Object> drops = (Map<String, Object>) s.get("drops");
    // Not "replayed": at start a serial copy may arrive after a newer UDP one, which is counted.
    for (final String bad : List.of("bad_auth", "unknown_key", "unsealed", "malformed")) {
      assertEquals(0L, ((Number) drops.get(bad)).longValue(), bad + " drops: " + drops);
    }
  }

  @Test
  void keysRotateWithoutDowntimeBySighupAndAMembershipChangeIsRefused() throws Exception {
    final String old = "1 systole-hmac-sha256 membership-it-old\n";
    final String added = "2 systole-aes256-gcm membership-it-new\n";
    final Path etc1 = config("ha1", List.of(), "auth 1\n" + old);
    final Path etc2 = config("ha2", List.of(), "auth 1\n" + old);
    cluster.start(1);
    cluster.start(2);
    await("ha1", "ha2", "up");
    await("ha2", "ha1", "up");

    // 1. Both nodes learn the new key (they still seal with the old one).
    Files.writeString(etc1.resolve("authkeys"), "auth 1\n" + old + added);
    Files.writeString(etc2.resolve("authkeys"), "auth 1\n" + old + added);
    hangup("ha1", "also accepts systole-aes256-gcm key 2");
    hangup("ha2", "also accepts systole-aes256-gcm key 2");
    // 2. ha1 seals with the new key; ha2, still sealing with the old, hears it without a gap.
    Files.writeString(etc1.resolve("authkeys"), "auth 2\n" + old + added);
    hangup("ha1", "sends Systole envelopes (systole-aes256-gcm, key 2)");
    Thread.sleep(DEADTIME_MS * 2);
    final Map<String, Object> s = await("ha2", "ha1", "up");
    @SuppressWarnings("unchecked")
    final Map<String, Object> drops = (Map<String, Object>) s.get("drops");
    for (final String bad : List.of("bad_auth", "unknown_key", "unsealed")) {
      assertEquals(0L, ((Number) drops.get(bad)).longValue(), bad + " drops: " + drops);
    }
    final String journal = dump("ha2");
    assertTrue(!journal.contains("NodeDead node=ha1"), "ha1 never died for ha2:\n" + journal);

    // A change membership is built from is refused, and the node runs on unchanged.
    Files.writeString(
        etc2.resolve("ha.cf"),
        Files.readString(etc2.resolve("ha.cf"))
            .replace("deadtime " + DEADTIME_MS + "ms", "deadtime 3"));
    hangup("ha2", "keeping the running configuration: deadtime changed: 1000 -> 3000");
    assertEquals("up", statusOf(await("ha2", "ha1", "up"), "ha1"));
  }

  /** Sends SIGHUP to {@code node}'s daemon and waits until its log says {@code expected}. */
  private void hangup(final String node, final String expected) throws Exception {
    final int before = log(node).length();
    cluster.signal(index(node), "HUP");
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (log(node).substring(before).contains(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    fail(node + " never logged '" + expected + "' after SIGHUP:\n" + log(node));
  }

  private String dump(final String node) throws Exception {
    final Process dump =
        new ProcessBuilder(
                NetnsCluster.LAUNCHER.toString(),
                "journal",
                "dump",
                "--utc",
                tmp.resolve(node).resolve("state").resolve("journal").toString())
            .redirectErrorStream(true)
            .start();
    final String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(dump.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  /** A virtual serial cable between {@code ttyA} and {@code ttyB}; killing it cuts the cable. */
  private Process cable(final Path ttyA, final Path ttyB) throws Exception {
    final Process cable =
        new ProcessBuilder(
                "socat", "-d", "-d", "pty,raw,echo=0,link=" + ttyA, "pty,raw,echo=0,link=" + ttyB)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("socat.log").toFile())
            .start();
    cluster.track(cable);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(ttyA) && Files.exists(ttyB)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return cable;
  }

  private Map<String, Object> awaitLink(
      final String node, final String peer, final String link, final boolean up) throws Exception {
    return cluster.await(
        index(node),
        peer + "'s link " + link + (up ? " up" : " dead"),
        s -> Boolean.valueOf(up).equals(linkUp(s, peer, link)),
        20);
  }
}
