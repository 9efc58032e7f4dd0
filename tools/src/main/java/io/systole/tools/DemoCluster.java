package io.systole.tools;

import io.systole.engine.control.ControlClient;
import io.systole.engine.control.ControlProtocol;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The three nodes of {@code systole demo} on this host's loopback: writes each node's configuration
 * under {@code ROOT/NODE/etc}, runs each node's daemon as a child process with its state (journal,
 * generation), control socket and log under {@code ROOT/NODE}, asks the daemons questions on their
 * sockets, and kills or stops them. Nothing needs root: the addresses are 127.0.0.N, the ports
 * unprivileged, every file inside ROOT.
 */
final class DemoCluster {
  /** The nodes, in ha.cf order; node N binds 127.0.0.N. */
  static final List<String> NODES = List.of("ha1", "ha2", "ha3");

  /** The resource group's only resource, a script the demo writes into each resource.d. */
  static final String GROUP = "demoweb";

  /** The heartbeat timings, short so that the demo's failover takes about a second. */
  static final long KEEPALIVE_MS = 200;

  static final long DEADTIME_MS = 1000;

  /** Each node's control socket, in ROOT/NODE. */
  static final String SOCKET = "systole.sock";

  private static final long STOP_WAIT_MS = 20_000;
  private static final long ABORT_WAIT_MS = 5_000;

  private final Path root;
  private final List<String> launch;
  // Concurrent: a Ctrl-C aborts from the shutdown hook's thread.
  private final Map<String, Process> daemons = new ConcurrentHashMap<>();

  private DemoCluster(final Path root, final List<String> launch) {
    this.root = root;
    this.launch = launch;
  }

  /**
   * Writes the three configurations under {@code root}: heartbeats by UDP unicast between
   * 127.0.0.1-3 on {@code udpPort}, one group whose service answers on 127.0.0.1:{@code httpPort}.
   */
  static DemoCluster write(
      final Path root, final int udpPort, final int httpPort, final List<String> launch)
      throws IOException {
    final DemoCluster c = new DemoCluster(root, launch);
    final String secret = secret();
    for (int i = 0; i < NODES.size(); i++) {
      final String node = NODES.get(i);
      final Path etc = Files.createDirectories(c.etc(node));
      Files.writeString(etc.resolve("ha.cf"), haCf(node, i + 1, udpPort));
      final Path keys = etc.resolve("authkeys");
      Files.deleteIfExists(keys);
      Files.createFile(
          keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keys, "auth 1\n1 systole-hmac-sha256 " + secret + "\n");
      Files.writeString(
          etc.resolve("haresources"),
          "# the group demoweb, preferred on ha1: the demo's HTTP service on 127.0.0.1:"
              + httpPort
              + "\n"
              + NODES.get(0)
              + " "
              + GROUP
              + "::"
              + httpPort
              + "\n");
      final Path script = Files.createDirectories(etc.resolve("resource.d")).resolve(GROUP);
      Files.writeString(script, serviceScript(c.nodeDir(node), serviceLaunch(launch)));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return c;
  }

  private static String haCf(final String node, final int n, final int udpPort) {
    return "# systole demo: node "
        + node
        + " of three on this host's loopback, each on its own 127.0.0.N\n"
        + "keepalive "
        + KEEPALIVE_MS
        + "ms\n"
        + "deadtime "
        + DEADTIME_MS
        + "ms\n"
        + "warntime 600ms\n"
        + "initdead 2\n"
        + "udpport "
        + udpPort
        + "\n"
        + "ucast lo 127.0.0.1\nucast lo 127.0.0.2\nucast lo 127.0.0.3\n"
        + "# the ucast lines bind this address instead of lo's first (127.0.0.1)\n"
        + "systole_ucast_bind 127.0.0."
        + n
        + "\n"
        + "# the group stays where it runs when ha1 comes back\n"
        + "auto_failback off\n"
        + "# a demo on a desktop needs no realtime priority (and an ordinary user has none)\n"
        + "realtime off\n"
        + "systole_monitor_interval 2\n"
        + "systole_action_timeout 15\n"
        + "node "
        + String.join(" ", NODES)
        + "\n";
  }

  /** A random systole-hmac-sha256 secret: 256 bits, base64 (one word, as authkeys needs). */
  private static String secret() {
    final byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The group's Heartbeat-style script, {@code demoweb PORT start|stop|status}: starts the service
   * in the background with a pid file in the node's directory, answers start only once it listens,
   * stops it by its pid.
   */
  private static String serviceScript(final Path nodeDir, final List<String> service) {
    final StringBuilder java = new StringBuilder();
    for (final String word : service) {
      java.append(quote(word)).append(' ');
    }
    return "#!/usr/bin/env bash\n"
        + "# demoweb PORT start|stop|status (haresources: demoweb::PORT), written by systole demo:\n"
        + "# an HTTP server on 127.0.0.1:PORT answering with this node's name (HA_CURHOST).\n"
        + "set -u\n"
        + "node=${HA_CURHOST:?HA_CURHOST names this node}\n"
        + "port=$1 dir="
        + quote(nodeDir.toString())
        + "\n"
        + "pidfile=$dir/demoweb.pid\n"
        + "# alive PID: a zombie is not (no init may reap the service once the script exits)\n"
        + "alive() { local s; { s=$(<\"/proc/$1/stat\"); } 2>/dev/null || return 1; s=${s##*) };"
        + " [[ ${s%% *} != Z ]]; }\n"
        + "running() { [[ -f $pidfile ]] && alive \"$(cat \"$pidfile\")\"; }\n"
        + "listening() { (exec 3<>\"/dev/tcp/127.0.0.1/$port\") 2>/dev/null; }\n"
        + "case ${2:-} in\n"
        + "  start)\n"
        + "    running && exit 0\n"
        + "    setsid "
        + java
        + "--port \"$port\" --name \"$node\" >>\"$dir/demoweb.log\" 2>&1 </dev/null &\n"
        + "    echo $! >\"$pidfile\"\n"
        + "    for _ in $(seq 200); do # answer only once it listens\n"
        + "      listening && exit 0\n"
        + "      running || break\n"
        + "      sleep 0.02\n"
        + "    done\n"
        + "    echo \"demoweb: no service on 127.0.0.1:$port (see $dir/demoweb.log)\" >&2\n"
        + "    exit 1 ;;\n"
        + "  stop)\n"
        + "    if running; then\n"
        + "      pid=$(cat \"$pidfile\"); kill \"$pid\"\n"
        + "      for _ in $(seq 100); do alive \"$pid\" || break; sleep 0.02; done\n"
        + "    fi\n"
        + "    rm -f \"$pidfile\"; exit 0 ;;\n"
        + "  status)\n"
        + "    if running; then echo \"demoweb is running\"; exit 0; fi\n"
        + "    echo \"demoweb is stopped\"; exit 3 ;;\n"
        + "  *) echo \"usage: $0 PORT start|stop|status\" >&2; exit 2 ;;\n"
        + "esac\n";
  }

  private static String quote(final String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * How to run {@code systole} again: this JVM's java, its flags (the argfile's, which Chronicle
   * Queue needs) and class path; no debugger agent, whose port the children would fight over.
   */
  static List<String> launcher() {
    final List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    boolean gc = false;
    for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib:jdwp")) {
        cmd.add(arg);
        gc |= arg.matches("-XX:[+-]Use.*GC");
      }
    }
    if (!gc) {
      // Three daemons and a service share the host: the smallest collector starts fastest.
      cmd.add("-XX:+UseSerialGC");
    }
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SystoleCommand.class.getName());
    return cmd;
  }

  private static List<String> serviceLaunch(final List<String> launch) {
    final List<String> cmd = new ArrayList<>(launch);
    cmd.add("demo-service");
    return cmd;
  }

  Path root() {
    return root;
  }

  Path nodeDir(final String node) {
    return root.resolve(node);
  }

  Path etc(final String node) {
    return nodeDir(node).resolve("etc");
  }

  Path journal(final String node) {
    return nodeDir(node).resolve("journal");
  }

  Path log(final String node) {
    return nodeDir(node).resolve("ha-log");
  }

  /** Starts {@code node}'s daemon; its stdout and stderr go to ROOT/NODE/daemon.out. */
  void start(final String node) throws IOException {
    final Path dir = nodeDir(node);
    final List<String> cmd = new ArrayList<>(launch);
    cmd.addAll(
        List.of(
            "daemon",
            "-c",
            etc(node).toString(),
            "--node",
            node,
            "--state-dir",
            dir.toString(),
            "--socket",
            dir.resolve(SOCKET).toString(),
            "--logfile",
            log(node).toString()));
    final java.io.File out = dir.resolve("daemon.out").toFile();
    daemons.put(
        node,
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start());
  }

  /** Whether {@code node}'s daemon process runs. */
  boolean running(final String node) {
    final Process p = daemons.get(node);
    return p != null && p.isAlive();
  }

  /** The pid of {@code node}'s daemon. */
  long pid(final String node) {
    return daemons.get(node).pid();
  }

  /** {@code node}'s daemon's answer to {@code request}, trimmed; null when it does not answer. */
  String ask(final String node, final String request) {
    if (!running(node)) {
      return null;
    }
    try {
      final ControlProtocol.Response r =
          ControlClient.request(nodeDir(node).resolve(SOCKET), request);
      return r.exitCode() == 0 ? r.body().trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The pid in {@code node}'s service pid file, or -1. */
  long servicePid(final String node) {
    try {
      return Long.parseLong(
          Files.readString(nodeDir(node).resolve("demoweb.pid"), StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /**
   * SIGKILL to {@code node}'s daemon and to its service: a node that dies takes its service with
   * it. Returns the service's pid, or -1 if it ran none.
   */
  long kill(final String node) throws InterruptedException {
    final long service = servicePid(node);
    final Process p = daemons.get(node);
    p.destroyForcibly();
    killService(service);
    p.waitFor(5, TimeUnit.SECONDS);
    return service;
  }

  /** SIGTERM to {@code node}'s daemon, and waits for it to stop its groups and exit. */
  boolean stop(final String node) throws InterruptedException {
    final Process p = daemons.get(node);
    if (p == null || !p.isAlive()) {
      return true;
    }
    p.destroy();
    if (p.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
      return true;
    }
    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    return false;
  }

  /**
   * Stops every daemon still running, the nodes that hold no group first so that no group moves
   * while the cluster shuts down; then kills any service a killed node left behind.
   */
  void stopAll() throws InterruptedException {
    final List<String> order = new ArrayList<>();
    for (final String node : NODES) {
      final String rsc = ask(node, "rscstatus");
      if (rsc == null || "none".equals(rsc)) {
        order.add(node);
      }
    }
    for (final String node : NODES) {
      if (!order.contains(node)) {
        order.add(node);
      }
    }
    for (final String node : order) {
      stop(node);
    }
    for (final String node : NODES) {
      killService(servicePid(node));
    }
  }

  /** Ctrl-C: SIGTERM to every daemon, SIGKILL to those still running after a short wait. */
  void abort() {
    for (final Process p : daemons.values()) {
      p.destroy();
    }
    final long deadline = System.nanoTime() + ABORT_WAIT_MS * 1_000_000L;
    for (final Process p : daemons.values()) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (final String node : NODES) {
      killService(servicePid(node));
    }
  }

  private static void killService(final long pid) {
    if (pid > 0) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Deletes ROOT and everything in it. */
  void delete() throws IOException {
    deleteTree(root);
  }

  /** Deletes {@code dir} and everything in it. */
  static void deleteTree(final Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
