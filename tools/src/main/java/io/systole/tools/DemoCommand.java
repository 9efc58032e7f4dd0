package io.systole.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code systole demo}: a three-node cluster on this host's loopback, with no configuration and
 * without root. Each node is a real daemon process ({@link DemoCluster}); the one resource group is
 * an HTTP service answering its node's name. The demo shows the cluster form, kills the owner with
 * SIGKILL, measures the failover by polling the service, brings the node back, stops the cluster
 * and prints what the journals recorded.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a three-node cluster on this host's loopback, kill the node that runs the service and"
          + " show the failover (under a minute, no root, no configuration).",
      "Nodes ha1, ha2, ha3 are daemons on 127.0.0.1-3 (UDP unicast); the group demoweb is an HTTP"
          + " server on 127.0.0.1 answering its node's name. Everything lives in a temporary"
          + " directory, deleted at the end unless --workdir names one to keep."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the cluster formed, failed over and came back",
      " 1:a step did not happen in time (the directory is kept for a look)",
      " 2:a usage error, such as a port in use"
    })
final class DemoCommand implements Callable<Integer> {
  private static final long FORM_TIMEOUT_MS = 30_000;
  private static final long FAILOVER_TIMEOUT_MS = 20_000;
  private static final long POLL_MS = 10;
  private static final long ASK_EVERY_MS = 50;
  private static final int MAX_SOCKET_PATH = 107;
  private static final Pattern KEY_EVENT =
      Pattern.compile(" (NodeDead|NodeUp|GroupStart|GroupStop|DaemonStarted|DaemonStopped) ");
  private static final Pattern DUMP_DATE =
      Pattern.compile("^(\\d+) \\d{4}-\\d\\d-\\d\\d (\\S+) \\S+ \\S+ ");

  @Spec CommandSpec spec;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description =
          "Keep everything in DIR (created if missing): each node's configuration, journal"
              + " (DIR/NODE/journal) and log, for the journal tools.")
  Path workdir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The UDP port of the heartbeats, 1025-65535 (default: a free one).")
  int port;

  private PrintWriter out;
  // Set by the shutdown hook: the demo's thread may run on a little, and must print no more.
  private volatile boolean aborted;
  private long t0;

  @Override
  public Integer call() throws IOException, InterruptedException {
    out = spec.commandLine().getOut();
    if (port != 0 && (port < 1025 || port > 65535)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be 1025-65535 (lower ports need root), not " + port);
    }
    final int udp = port != 0 ? checkUdp(port) : freeUdp();
    final int http = freeTcp();
    final Path root =
        workdir == null
            ? Files.createTempDirectory("systole-demo-")
            : prepare(workdir.toAbsolutePath().normalize());
    out.printf(
        "Systole demo: nodes %s on 127.0.0.1-3, heartbeats every %d ms by UDP unicast on port"
            + " %d, deadtime %d ms;%n  group %s: an HTTP service on http://127.0.0.1:%d/ that"
            + " answers its node's name.%n",
        String.join(" ", DemoCluster.NODES),
        DemoCluster.KEEPALIVE_MS,
        udp,
        DemoCluster.DEADTIME_MS,
        DemoCluster.GROUP,
        http);
    out.flush();
    boolean ok = false;
    final DemoCluster cluster = DemoCluster.write(root, udp, http, DemoCluster.launcher());
    // Ctrl-C: the daemons are our children but outlive us unless told; stop them, tidy up.
    final Thread hook = new Thread(() -> abort(cluster), "systole-demo-abort");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ok = run(cluster, http);
    } finally {
      cluster.stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook runs and stops what is left.
        ok = false;
      }
    }
    if (ok) {
      summary(cluster);
    }
    if (workdir == null && ok) {
      cluster.delete();
    } else if (!ok && !aborted) {
      out.printf(
          "%nsystole demo: kept %s for a look (each node's log: %s/NODE/ha-log)%n", root, root);
    }
    out.flush();
    return ok ? SystoleCommand.OK : SystoleCommand.FINDING;
  }

  private void abort(final DemoCluster cluster) {
    aborted = true;
    spec.commandLine()
        .getErr()
        .println(
            "systole demo: interrupted: stopping the daemons"
                + (workdir == null ? " and deleting " + cluster.root() : ""));
    cluster.abort();
    if (workdir == null) {
      try {
        cluster.delete();
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("systole demo: cannot delete " + cluster.root() + ": " + e);
      }
    }
    spec.commandLine().getErr().flush();
  }

  /** The demo proper; false when a step did not happen in time (said why). */
  private boolean run(final DemoCluster c, final int http)
      throws IOException, InterruptedException {
    t0 = System.nanoTime();
    for (final String node : DemoCluster.NODES) {
      c.start(node);
    }
    say("started three daemons (pids %s)", pids(c));
    if (!await(() -> formed(c, http), FORM_TIMEOUT_MS)) {
      return failed("the cluster did not form within " + FORM_TIMEOUT_MS / 1000 + " s");
    }
    final String owner = owner(c);
    say("cluster up: every node sees the others; %s runs on %s", DemoCluster.GROUP, owner);
    for (int i = 0; i < 3; i++) {
      view(c, http);
      Thread.sleep(400);
    }
    final String next = failover(c, http, owner);
    if (next == null) {
      return false;
    }
    view(c, http);
    c.start(owner);
    final long back = System.nanoTime();
    say("restarting %s (pid %d)", owner, c.pid(owner));
    if (!await(() -> allActive(c), FORM_TIMEOUT_MS)) {
      return failed(owner + " did not rejoin within " + FORM_TIMEOUT_MS / 1000 + " s");
    }
    say(
        "%s is back after %.2f s; %s stays on %s (auto_failback off)",
        owner, (System.nanoTime() - back) / 1e9, DemoCluster.GROUP, owner(c));
    view(c, http);
    say("stopping the daemons with SIGTERM (the node with the group last, so that it stays put)");
    return true;
  }

  /**
   * Kills {@code owner} and polls the service until another node answers; prints what the survivors
   * see on the way. Returns the new owner, or null when none answered in time.
   */
  private String failover(final DemoCluster c, final int http, final String owner)
      throws InterruptedException {
    final long pid = c.pid(owner);
    final long kill = System.nanoTime();
    final long service = c.kill(owner);
    say(
        "SIGKILL %s: its daemon (pid %d) and its service (pid %d); polling the service every"
            + " %d ms",
        owner, pid, service, POLL_MS);
    final List<String> seen = new ArrayList<>();
    long nextAsk = 0;
    final long deadline = kill + FAILOVER_TIMEOUT_MS * 1_000_000L;
    while (System.nanoTime() < deadline) {
      final String answer = probe(http);
      if (answer != null && !answer.equals(owner)) {
        final double secs = (System.nanoTime() - kill) / 1e9;
        say("http://127.0.0.1:%d/ answers \"%s\"", http, answer);
        out.printf(
            Locale.ROOT,
            "%nfailover: %s -> %s in %.2f s (from the SIGKILL to the first answer of the new"
                + " owner; deadtime %d ms)%n%n",
            owner,
            answer,
            secs,
            DemoCluster.DEADTIME_MS);
        out.flush();
        return answer;
      }
      if (System.nanoTime() >= nextAsk) {
        survivorsSay(c, owner, seen);
        nextAsk = System.nanoTime() + ASK_EVERY_MS * 1_000_000L;
      }
      Thread.sleep(POLL_MS);
    }
    failed("no node answered on http://127.0.0.1:" + http + "/ after " + owner + " died");
    return null;
  }

  /** Prints, once each, when a survivor declares {@code dead} dead and starts the group. */
  private void survivorsSay(final DemoCluster c, final String dead, final List<String> seen) {
    for (final String node : DemoCluster.NODES) {
      if (node.equals(dead)) {
        continue;
      }
      if (!seen.contains(node + " dead") && "dead".equals(c.ask(node, "nodestatus " + dead))) {
        seen.add(node + " dead");
        say("%s declares %s dead", node, dead);
      }
      final String rsc = c.ask(node, "rscstatus");
      if (!seen.contains(node + " takes") && rsc != null && !"none".equals(rsc)) {
        seen.add(node + " takes");
        say("%s starts %s", node, DemoCluster.GROUP);
      }
    }
  }

  /** One line per node: its daemon, what it sees of its peers and their link, what it holds. */
  private void view(final DemoCluster c, final int http) {
    final StringBuilder b = new StringBuilder();
    for (final String node : DemoCluster.NODES) {
      b.append(String.format(Locale.ROOT, "%n           %-4s", node));
      if (!c.running(node)) {
        b.append("down (killed)");
        continue;
      }
      b.append("up    peers:");
      for (final String peer : DemoCluster.NODES) {
        if (!peer.equals(node)) {
          final String links = c.ask(node, "hblinks " + peer);
          b.append(' ')
              .append(peer)
              .append(' ')
              .append(Objects.requireNonNullElse(c.ask(node, "nodestatus " + peer), "?"))
              .append(" (")
              .append(links == null ? "?" : links.replace('\n', ','))
              .append(')');
        }
      }
      final String rsc = c.ask(node, "rscstatus");
      if (rsc != null && !"none".equals(rsc)) {
        b.append("   holds ").append(DemoCluster.GROUP).append(" (").append(rsc).append(')');
      }
    }
    final String answer = probe(http);
    say(
        "status%s%n           http://127.0.0.1:%d/ answers %s",
        b, http, answer == null ? "nothing" : "\"" + answer + "\"");
  }

  /** After the stop: the journal audit of each node and the key transitions of the survivors. */
  private void summary(final DemoCluster c) {
    out.println();
    out.println("What the journals recorded (systole journal audit DIR, then key events of dump):");
    for (final String node : DemoCluster.NODES) {
      final Path journal = c.journal(node);
      final StringWriter audit = new StringWriter();
      final int rc = tool(audit, "journal", "audit", journal.toString());
      final String[] lines = audit.toString().split("\n");
      // The node the demo killed shows it as a crash: the journal is sound, the daemon was not.
      final boolean onlyCrash =
          rc == SystoleCommand.FINDING
              && Arrays.stream(lines)
                  .filter(l -> l.startsWith("finding"))
                  .allMatch(l -> l.contains(" crash: "));
      out.printf(
          "  %s: audit %s%n",
          node,
          rc == 0
              ? "passed"
              : onlyCrash ? "passed; the SIGKILL shows as a crash" : "FAILED (exit " + rc + ")");
      for (final String line : lines) {
        if (line.startsWith("result") || line.startsWith("finding") || (rc != 0 && !onlyCrash)) {
          out.println("      " + line);
        }
      }
      final StringWriter dump = new StringWriter();
      tool(dump, "journal", "dump", journal.toString());
      for (final String line : dump.toString().split("\n")) {
        if (KEY_EVENT.matcher(line).find()) {
          // The date and zone say nothing in a one-minute demo: index, time of day, event.
          out.println("      #" + DUMP_DATE.matcher(line).replaceFirst("$1 $2 "));
        }
      }
    }
    out.println();
    if (workdir != null) {
      final Path timeline = c.root().resolve("timeline.html");
      final List<String> args = new ArrayList<>(List.of("journal", "timeline"));
      for (final String node : DemoCluster.NODES) {
        args.add(c.journal(node).toString());
      }
      args.addAll(List.of("--out", timeline.toString(), "--force"));
      final StringWriter drawn = new StringWriter();
      final int rc = tool(drawn, args.toArray(new String[0]));
      out.printf(
          "The journals are in %s/NODE/journal (kept: --workdir)%s. Try:%n"
              + "  systole journal replay %s/ha2/journal%n"
              + "  systole journal merge %s/ha1/journal %s/ha2/journal %s/ha3/journal%n"
              + "  systole journal audit %s/ha2/journal%n",
          c.root(),
          rc == 0 ? "; the timeline of all three is " + timeline : "",
          c.root(),
          c.root(),
          c.root(),
          c.root(),
          c.root());
      if (rc != 0) {
        out.print("  (the timeline could not be drawn: " + drawn + ")");
      }
    } else {
      out.printf(
          "The journals were in %s/NODE/journal and are now deleted; to keep them (and a"
              + " timeline of the three) for systole journal replay, merge, timeline and audit,"
              + " run: systole demo --workdir DIR%n",
          c.root());
    }
    out.flush();
  }

  /** Runs a systole subcommand in this JVM, its output into {@code w}. */
  private static int tool(final StringWriter w, final String... args) {
    final PrintWriter pw = new PrintWriter(w);
    final int rc = new CommandLine(new SystoleCommand()).setOut(pw).setErr(pw).execute(args);
    pw.flush();
    return rc;
  }

  private boolean formed(final DemoCluster c, final int http) {
    return allActive(c) && owner(c) != null && probe(http) != null;
  }

  /** Whether every node's daemon says every node is active. */
  private static boolean allActive(final DemoCluster c) {
    for (final String node : DemoCluster.NODES) {
      for (final String other : DemoCluster.NODES) {
        if (!"active".equals(c.ask(node, "nodestatus " + other))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The node that says it holds the group, or null. */
  private static String owner(final DemoCluster c) {
    for (final String node : DemoCluster.NODES) {
      final String rsc = c.ask(node, "rscstatus");
      if ("local".equals(rsc) || "foreign".equals(rsc) || "all".equals(rsc)) {
        return node;
      }
    }
    return null;
  }

  private static boolean await(final BooleanSupplier done, final long timeoutMs)
      throws InterruptedException {
    final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      Thread.sleep(ASK_EVERY_MS);
    }
    return false;
  }

  private static String pids(final DemoCluster c) {
    final List<String> pids = new ArrayList<>();
    for (final String node : DemoCluster.NODES) {
      pids.add(node + " " + c.pid(node));
    }
    return String.join(", ", pids);
  }

  /** The name the service on 127.0.0.1:{@code port} answers, or null when nothing answers. */
  static String probe(final int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      s.setSoTimeout(500);
      s.getOutputStream()
          .write(
              "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      final String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      final int body = response.indexOf("\r\n\r\n");
      return response.startsWith("HTTP/1.1 200") || response.startsWith("HTTP/1.0 200")
          ? body < 0 ? null : response.substring(body + 4).trim()
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void say(final String format, final Object... args) {
    if (aborted) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%+8.2fs  %s%n",
        (System.nanoTime() - t0) / 1e9,
        String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private boolean failed(final String why) {
    say("FAILED: %s", why);
    return false;
  }

  /** {@code --workdir}: created if missing; refused if it holds anything but an earlier demo. */
  private Path prepare(final Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        for (final Path p : entries.toList()) {
          if (!DemoCluster.NODES.contains(p.getFileName().toString())) {
            throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--workdir "
                    + dir
                    + " holds "
                    + p.getFileName()
                    + ": name a new or empty"
                    + " directory (or one an earlier demo wrote)");
          }
        }
      }
      for (final String node : DemoCluster.NODES) {
        final Path old = dir.resolve(node);
        if (Files.exists(old)) {
          DemoCluster.deleteTree(old);
        }
      }
    }
    // A UNIX socket's path holds at most 107 bytes; a longer one fails in the daemons, late.
    final Path socket = dir.resolve(DemoCluster.NODES.get(0)).resolve(DemoCluster.SOCKET);
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--workdir "
              + dir
              + " is too deep: the control sockets in it (such as "
              + socket
              + ") would be longer than a UNIX socket's "
              + MAX_SOCKET_PATH
              + " bytes; choose a shorter path");
    }
    return Files.createDirectories(dir);
  }

  /** {@code port} if it is free on 127.0.0.1-3, else a usage error saying where it is busy. */
  private int checkUdp(final int p) {
    for (int n = 1; n <= DemoCluster.NODES.size(); n++) {
      final String address = "127.0.0." + n;
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, p))) {
        s.getLocalPort();
      } catch (SocketException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "UDP port "
                + p
                + " is in use on "
                + address
                + ": choose another --port, or leave"
                + " --port out for a free one");
      }
    }
    return p;
  }

  /** A UDP port free on 127.0.0.1-3, above 1024 (the kernel's ephemeral range). */
  private int freeUdp() throws SocketException {
    for (int attempt = 0; attempt < 20; attempt++) {
      final int p;
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        p = s.getLocalPort();
      }
      try {
        return checkUdp(p);
      } catch (CommandLine.ParameterException e) {
        continue;
      }
    }
    throw new SocketException("found no UDP port free on 127.0.0.1-3");
  }

  private static int freeTcp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
