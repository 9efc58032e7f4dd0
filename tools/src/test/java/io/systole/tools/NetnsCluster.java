package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A cluster of real Systole daemons (or some nodes the real Heartbeat, {@link #heartbeat}) for
 * system tests: N node namespaces and a client namespace on one bridge ({@code
 * src/test/sh/netns-cluster.sh}), node {@code haI} at 10.77.0.I, each daemon with its own
 * configuration, state, socket and log under {@code root/haI}, plus an HTTP poller in the client
 * namespace. Faults: SIGKILL, SIGTERM, SIGSTOP/SIGCONT, a downed link, packet loss. {@link #close}
 * kills every process it started (by PID) and removes the namespaces. Needs root.
 */
final class NetnsCluster implements AutoCloseable {
  static final Path LAUNCHER =
      Path.of(System.getProperty("systole.launcher", "../systole")).toAbsolutePath().normalize();
  private static final Path NETNS =
      Path.of("src/test/sh/netns-cluster.sh").toAbsolutePath().normalize();

  private final String prefix;
  private final int size;
  private final Path root;
  private final List<Process> processes = new ArrayList<>();
  private final Process[] daemons;

  /** The nodes that run the real Heartbeat instead of a Systole daemon ({@link #heartbeat}). */
  private final HeartbeatNode[] heartbeats;

  /** The nodes whose daemon a test killed: their journals show a crash. */
  private final java.util.Set<Integer> killed = new java.util.HashSet<>();

  private Process poller;

  /** The nftables rules {@link #cut} added, in order. */
  private final List<String> cuts = new ArrayList<>();

  /** Creates the namespaces {@code prefix-1..size}, {@code prefix-c} and {@code prefix-sw}. */
  NetnsCluster(final String prefix, final int size, final Path root) throws Exception {
    this.prefix = prefix;
    this.size = size;
    this.root = root;
    this.daemons = new Process[size + 1];
    this.heartbeats = new HeartbeatNode[size + 1];
    assertEquals(0, run(NETNS.toString(), "up", prefix, Integer.toString(size)), "netns (root?)");
  }

  static String node(final int i) {
    return "ha" + i;
  }

  String netns(final int i) {
    return prefix + "-" + i;
  }

  Path home(final int i) {
    return root.resolve(node(i));
  }

  /** Writes node {@code i}'s configuration directory: ha.cf, haresources, authkeys; returns it. */
  Path configure(final int i, final String haCf, final String haresources, final String authkeys)
      throws IOException {
    final Path dir = Files.createDirectories(home(i).resolve("etc"));
    // Every node signs its journal (a key made by openssl, as an admin would), so that every
    // system test also proves the checkpoints of real daemons (verifyJournals).
    final Path key = dir.resolve("journal.key");
    if (!Files.exists(key)) {
      openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
      openssl("pkey", "-in", key.toString(), "-pubout", "-out", publicKey(i).toString());
    }
    return write(
        dir,
        haCf + "\nsystole_checkpoint_key journal.key\nsystole_checkpoint_every 10\n",
        haresources,
        authkeys);
  }

  /**
   * Writes node {@code i}'s configuration directory as {@link #configure} does, for the real
   * Heartbeat ({@link #heartbeat}): ha.cf as given (Heartbeat refuses Systole's directives).
   */
  Path configureHeartbeat(
      final int i, final String haCf, final String haresources, final String authkeys)
      throws IOException {
    return write(Files.createDirectories(home(i).resolve("etc")), haCf, haresources, authkeys);
  }

  private static Path write(
      final Path dir, final String haCf, final String haresources, final String authkeys)
      throws IOException {
    Files.writeString(dir.resolve("ha.cf"), haCf);
    Files.writeString(dir.resolve("haresources"), haresources);
    final Path keys = dir.resolve("authkeys");
    Files.writeString(keys, authkeys);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    return dir;
  }

  /**
   * Node {@code i} as the real Heartbeat 3.0.6 in haresources mode with real resources, on the
   * directory {@link #configureHeartbeat} wrote (not started yet); stopped at {@link #close}.
   */
  HeartbeatNode heartbeat(final int i) {
    if (heartbeats[i] == null) {
      heartbeats[i] = new HeartbeatNode(home(i), node(i), netns(i), true);
    }
    return heartbeats[i];
  }

  /**
   * Copies the test resource scripts {@code names} ({@code src/test/resources/failover}) into
   * {@code etc/resource.d}, where Systole and Heartbeat look for them.
   */
  static void installResourceScripts(final Path etc, final String... names) throws IOException {
    final Path scripts = Files.createDirectories(etc.resolve("resource.d"));
    for (final String script : names) {
      Files.copy(
          Path.of("src/test/resources/failover", script),
          scripts.resolve(script),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertTrue(scripts.resolve(script).toFile().setExecutable(true), script);
    }
  }

  /** Node {@code i}'s public checkpoint key. */
  Path publicKey(final int i) {
    return home(i).resolve("journal.pub");
  }

  private static void openssl(final String... args) throws IOException {
    final List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      final Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "failed: " + command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Starts node {@code i}'s daemon on its configuration; its output goes to {@code daemon.log}.
   * SIGHUP is reset to its default first: a build started under nohup passes SIGHUP down ignored,
   * and a JVM does not take over an ignored SIGHUP, so reloads would silently do nothing.
   */
  Process start(final int i) throws IOException {
    final Path home = home(i);
    final Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                netns(i),
                "env",
                "--default-signal=HUP",
                LAUNCHER.toString(),
                "daemon",
                "-c",
                home.resolve("etc").toString(),
                "--node",
                node(i),
                "--state-dir",
                home.resolve("state").toString(),
                "--socket",
                socket(i).toString(),
                "--logfile",
                home.resolve("ha-log").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()))
            .start();
    processes.add(p);
    daemons[i] = p;
    return p;
  }

  /** Kills {@code p} (a helper process such as a serial cable) with everything else at close. */
  void track(final Process p) {
    processes.add(p);
  }

  Path socket(final int i) {
    return home(i).resolve("systole.sock");
  }

  Process daemon(final int i) {
    return daemons[i];
  }

  /** Node {@code i}'s daemon log, or Heartbeat's logs if it runs Heartbeat. */
  String log(final int i) throws IOException {
    if (heartbeats[i] != null) {
      return heartbeats[i].logs();
    }
    final Path log = home(i).resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Runs {@code systole ARGS --socket node i's socket}; its stdout, or null if it failed. */
  String ask(final int i, final String... args) throws Exception {
    final List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    command.add("--socket");
    command.add(socket(i).toString());
    final Process p =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
  }

  /** Node {@code i}'s {@code status --json}, or null when it does not answer. */
  @SuppressWarnings("unchecked")
  Map<String, Object> status(final int i) throws Exception {
    final String out = ask(i, "status", "--json");
    return out == null ? null : (Map<String, Object>) Json.parse(out);
  }

  /** Polls node {@code i}'s status until {@code wanted} holds, for up to {@code seconds}. */
  Map<String, Object> await(
      final int i,
      final String what,
      final Predicate<Map<String, Object>> wanted,
      final int seconds)
      throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Map<String, Object> last = null;
    while (System.nanoTime() < deadline) {
      last = status(i);
      if (last != null && wanted.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    return fail(node(i) + " never saw " + what + "; last status: " + last + "\nlog:\n" + log(i));
  }

  /** The status of {@code node} in {@code status}, or null. */
  @SuppressWarnings("unchecked")
  static String nodeStatus(final Map<String, Object> status, final String node) {
    for (final Object o : (List<Object>) status.get("nodes")) {
      final Map<String, Object> n = (Map<String, Object>) o;
      if (node.equals(n.get("name"))) {
        return (String) n.get("status");
      }
    }
    return null;
  }

  /** Sends {@code signal} (KILL, TERM, STOP, CONT, HUP) to node {@code i}'s daemon. */
  void signal(final int i, final String signal) throws Exception {
    if ("KILL".equals(signal)) {
      killed.add(i);
    }
    assertEquals(0, run("kill", "-" + signal, Long.toString(daemons[i].pid())));
  }

  /** Node {@code i}'s daemon was killed by other means than {@link #signal} (a fence device). */
  void killedElsewhere(final int i) {
    killed.add(i);
  }

  /**
   * Turns node {@code i} off, as a power switch would: its link goes down and every process in its
   * namespace (the daemon, the services) is killed.
   */
  void powerOff(final int i) throws Exception {
    killed.add(i);
    link(i, false);
    killNamespace(netns(i));
  }

  /** Whether {@code address} is on node {@code i}'s eth0 (IPaddr2 put it there). */
  boolean hasAddress(final int i, final String address) throws Exception {
    final Process p =
        new ProcessBuilder("ip", "-n", netns(i), "-o", "addr", "show", "dev", "eth0")
            .redirectErrorStream(true)
            .start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    return out.contains(" " + address + "/");
  }

  /**
   * Takes {@code address}/{@code bits} off node {@code i}'s eth0 if it is there: what the death of
   * node {@code i}'s machine does to the addresses a killed daemon left behind.
   */
  void dropAddress(final int i, final String address, final int bits) throws Exception {
    if (hasAddress(i, address)) {
      assertEquals(
          0, run("ip", "-n", netns(i), "addr", "del", address + "/" + bits, "dev", "eth0"));
    }
  }

  /** Node {@code i}'s journal as {@code systole journal dump} prints it (its daemon may run). */
  String journal(final int i) throws Exception {
    return tool(0, "journal", "dump", home(i).resolve("state").resolve("journal").toString());
  }

  /** Takes node {@code i}'s eth0 down or up. */
  void link(final int i, final boolean up) throws Exception {
    assertEquals(0, run("ip", "-n", netns(i), "link", "set", "eth0", up ? "up" : "down"));
  }

  /**
   * Drops {@code percent} % of the packets to and from node {@code i} on the bridge (nftables in
   * the switch namespace: the kernel here has no netem); 0 removes the rule.
   */
  void loss(final int i, final int percent) throws Exception {
    final String sw = prefix + "-sw";
    run("ip", "netns", "exec", sw, "nft", "delete", "table", "bridge", "lossy");
    if (percent > 0) {
      final String port = prefix + "-pv" + i;
      final Path rules = root.resolve("lossy.nft");
      Files.writeString(
          rules,
          String.join(
              "\n",
              "table bridge lossy {",
              "  chain forward {",
              "    type filter hook forward priority 0;",
              "    iifname \"" + port + "\" numgen random mod 100 < " + percent + " drop",
              "    oifname \"" + port + "\" numgen random mod 100 < " + percent + " drop",
              "  }",
              "}",
              ""));
      assertEquals(0, run("ip", "netns", "exec", sw, "nft", "-f", rules.toString()));
    }
  }

  /** Starts polling http://ADDRESS:8080/ from the client namespace into {@code answers()}. */
  void startPolling(final String address) throws IOException {
    final Path script = Path.of("src/test/resources/failover/poller.py").toAbsolutePath();
    poller =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                prefix + "-c",
                "python3",
                script.toString(),
                address,
                answersFile().toString())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("poller.log").toFile())
            .start();
    processes.add(poller);
  }

  Path answersFile() {
    return root.resolve("answers");
  }

  /** Every poll so far: time in microseconds and who answered ("-" for nobody). */
  List<Answer> answers() throws IOException {
    final List<Answer> out = new ArrayList<>();
    if (!Files.exists(answersFile())) {
      return out;
    }
    for (final String line : Files.readAllLines(answersFile())) {
      final int space = line.indexOf(' ');
      if (space > 0) {
        out.add(new Answer(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
      }
    }
    return out;
  }

  /** The time now in epoch microseconds, as the poller writes it. */
  static long nowMicros() {
    final java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /**
   * Waits until the client got an answer from {@code node} at or after {@code sinceMicros}; returns
   * when it first did.
   */
  long awaitAnswerFrom(final String node, final long sinceMicros, final int seconds)
      throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (final Answer a : answers()) {
        if (a.micros() >= sinceMicros && node.equals(a.node())) {
          return a.micros();
        }
      }
      Thread.sleep(50);
    }
    return fail("the client never got an answer from " + node + "\n" + logs());
  }

  /** After {@code fromMicros}, the answering node changes at most {@code switches} times. */
  void assertOneNodeAtATime(final long fromMicros, final int switches) throws IOException {
    String last = null;
    int changes = 0;
    for (final Answer a : answers()) {
      if (a.micros() < fromMicros || !a.answered()) {
        continue;
      }
      if (last != null && !last.equals(a.node())) {
        changes++;
      }
      last = a.node();
    }
    assertTrue(changes <= switches, changes + " switches between nodes, at most " + switches);
  }

  /** Every node's daemon log, for a failure message. */
  String logs() throws IOException {
    final StringBuilder b = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      b.append(node(i)).append(":\n").append(log(i)).append('\n');
    }
    return b.toString();
  }

  /**
   * Drops, on the bridge, the packets node {@code from} sends to node {@code to} (0: the client)
   * that match the nftables expression {@code match}, such as {@code udp dport 694} for heartbeats
   * or {@code icmp type echo-request} for ping probes. One way: cut both for a symmetric cut.
   * {@link #healCuts} removes them all.
   */
  void cut(final int from, final int to, final String match) throws Exception {
    final String sw = prefix + "-sw";
    if (cuts.isEmpty()) {
      assertEquals(0, run("ip", "netns", "exec", sw, "nft", "add", "table", "bridge", "cuts"));
      assertEquals(
          0,
          run(
              "ip",
              "netns",
              "exec",
              sw,
              "nft",
              "add",
              "chain",
              "bridge",
              "cuts",
              "forward",
              "{ type filter hook forward priority 0; }"));
    }
    final String rule =
        "iifname \"" + port(from) + "\" oifname \"" + port(to) + "\" " + match + " drop";
    assertEquals(
        0,
        run("sh", "-c", "ip netns exec " + sw + " nft add rule bridge cuts forward " + rule),
        rule);
    cuts.add(rule);
  }

  /** Removes every {@link #cut}. */
  void healCuts() throws Exception {
    if (!cuts.isEmpty()) {
      run("ip", "netns", "exec", prefix + "-sw", "nft", "delete", "table", "bridge", "cuts");
      cuts.clear();
    }
  }

  /** The switch's port of node {@code i}, or of the client for 0. */
  private String port(final int i) {
    return prefix + "-pv" + (i == 0 ? "c" : Integer.toString(i));
  }

  /** One poll of the service. */
  record Answer(long micros, String node) {
    boolean answered() {
      return !"-".equals(node);
    }
  }

  /**
   * Stops every daemon still running (SIGTERM, so each journals its stop), then checks each node's
   * journal: {@code systole journal audit} finds it complete, untampered and signed, replaying it
   * re-derives every decision the node recorded ({@link io.systole.engine.replay.ReplayCheck} and
   * {@code journal replay --check}), a what-if under its own configuration differs nowhere, and the
   * journals merge and draw a timeline.
   */
  void verifyJournals() throws Exception {
    for (int i = 1; i <= size; i++) {
      if (daemons[i] != null && daemons[i].isAlive()) {
        signal(i, "TERM");
        daemons[i].waitFor(60, TimeUnit.SECONDS);
      }
    }
    final List<String> journals = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      final Path journal = home(i).resolve("state").resolve("journal");
      if (!Files.exists(journal)) {
        continue;
      }
      final Process audit =
          new ProcessBuilder(
                  LAUNCHER.toString(),
                  "journal",
                  "audit",
                  journal.toString(),
                  "--public-key",
                  publicKey(i).toString())
              .redirectErrorStream(true)
              .start();
      final String out = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      final int status = audit.waitFor(60, TimeUnit.SECONDS) ? audit.exitValue() : -1;
      // A killed daemon's journal shows the crash if it was started again (else it ends running),
      // and that is all it may show.
      assertTrue(status == 0 || (status == 1 && killed.contains(i)), out);
      // A daemon killed before its first checkpoint (a fence device is quick) has nothing signed.
      final boolean unsigned = killed.contains(i) && out.contains("finding  no checkpoint");
      for (final String line : out.split("\n")) {
        assertTrue(
            !line.startsWith("finding")
                || line.contains(" crash: ")
                || (unsigned && line.contains("no checkpoint")),
            out);
      }
      assertTrue(unsigned || out.contains("signatures verified: entries to #"), out);
      assertTrue(out.contains("chain intact"), out);
      final List<io.systole.journal.Entry> entries = new ArrayList<>();
      try (io.systole.journal.chronicle.ChronicleJournal j =
              io.systole.journal.chronicle.ChronicleJournal.openReadOnly(journal);
          io.systole.journal.JournalReader reader = j.reader(0)) {
        for (io.systole.journal.Entry e = reader.poll(); e != null; e = reader.poll()) {
          entries.add(e);
        }
      }
      assertTrue(entries.size() > 3, node(i) + "'s journal has " + entries.size() + " entries");
      final io.systole.engine.replay.ReplayCheck.Mismatch m =
          io.systole.engine.replay.ReplayCheck.check(node(i), entries);
      if (m != null) {
        fail(
            node(i)
                + "'s journal does not replay to its decisions at #"
                + m.index()
                + ": "
                + m.message());
      }
      // The postmortem tools on a real daemon's journal: the replay check passes, and a what-if
      // under the node's own configuration finds nothing that would have gone otherwise.
      tool(0, "journal", "replay", journal.toString(), "--check");
      tool(
          0,
          "journal",
          "what-if",
          journal.toString(),
          "--config",
          home(i).resolve("etc").resolve("ha.cf").toString());
      journals.add(journal.toString());
    }
    if (journals.size() > 1) {
      final List<String> merge = new ArrayList<>(List.of("journal", "merge"));
      merge.addAll(journals);
      assertTrue(tool(0, merge.toArray(new String[0])).contains("# merge of " + journals.size()));
      final List<String> timeline = new ArrayList<>(List.of("journal", "timeline"));
      timeline.addAll(journals);
      timeline.addAll(List.of("--out", root.resolve("timeline.html").toString(), "--force"));
      tool(0, timeline.toArray(new String[0]));
      assertTrue(Files.readString(root.resolve("timeline.html")).contains("data-node=\"ha1\""));
    }
  }

  /** Runs {@code systole ARGS}; it must exit {@code status}; its output. */
  private static String tool(final int status, final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        status, p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1, command + ":\n" + out);
    return out;
  }

  @Override
  public void close() throws Exception {
    for (final Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    for (final HeartbeatNode h : heartbeats) {
      if (h != null) {
        h.stop();
      }
    }
    // Resource scripts ran in their own sessions: kill what is left in the node namespaces.
    for (int i = 1; i <= size; i++) {
      killNamespace(netns(i));
    }
    killNamespace(prefix + "-c");
    run(NETNS.toString(), "down", prefix, Integer.toString(size));
  }

  private static void killNamespace(final String ns) throws Exception {
    final Process p = new ProcessBuilder("ip", "netns", "pids", ns).start();
    final String pids = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    for (final String pid : pids.split("\\s+")) {
      if (!pid.isBlank()) {
        run("kill", "-9", pid.strip());
      }
    }
  }

  static int run(final String... command) throws Exception {
    final Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
