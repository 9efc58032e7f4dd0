package io.systole.engine.ping;

import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the ping groups of ha.cf ({@code ping}, {@code ping_group}) on one daemon thread, {@value
 * #THREAD_NAME}: every interval (the keepalive, but at least {@value #MIN_INTERVAL_MS} ms) it sends
 * one echo request to each distinct address of every group, one after the other, each waiting at
 * most the interval divided by the number of addresses, so that a round fits in its interval. Each
 * round's replies feed one {@link PingVerdict} per group, and a verdict that changes goes to the
 * {@link PingListener}, on this thread. Addresses are resolved once, when the monitor is built; a
 * round allocates nothing beyond what the JDK's probe does.
 */
public final class PingMonitor implements AutoCloseable {
  /** The probing thread's name. */
  public static final String THREAD_NAME = "systole-ping";

  /** The shortest interval between two rounds, whatever the keepalive. */
  public static final long MIN_INTERVAL_MS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(PingMonitor.class);
  private static final int CAP_NET_RAW = 13;
  private static final long CLOSE_GRACE_MS = 1000;

  private final List<HaCf.PingGroup> groups;
  private final InetAddress[] targets;
  private final boolean[] answeredNow;
  private final int[][] members;
  private final PingVerdict[] verdicts;
  private final long deadpingMs;
  private final long initdeadMs;
  private final long intervalMs;
  private final int timeoutMs;
  private final Prober prober;
  private final PingListener listener;
  private final Thread thread;

  private volatile boolean running;
  private volatile long rounds;
  private volatile long probeErrors;
  private String lastError = "";

  /**
   * Probes {@code cf}'s ping groups with ICMP echo, at its keepalive, judged with its deadping and
   * initdead.
   */
  public static PingMonitor of(final HaCf cf, final PingListener listener) {
    return new PingMonitor(
        cf.pingGroups(), cf.keepaliveMs(), cf.deadpingMs(), cf.initdeadMs(), Prober.ICMP, listener);
  }

  /**
   * A monitor, not yet started.
   *
   * @param groups the ping groups; their addresses are IP literals or names resolved now, once
   * @param keepaliveMs the interval between rounds (at least {@value #MIN_INTERVAL_MS} ms)
   * @param deadpingMs see {@link PingVerdict}
   * @param initdeadMs see {@link PingVerdict}
   * @param prober sends the echo requests
   * @param listener receives the verdicts
   * @throws IllegalArgumentException naming an address that does not resolve
   */
  public PingMonitor(
      final List<HaCf.PingGroup> groups,
      final long keepaliveMs,
      final long deadpingMs,
      final long initdeadMs,
      final Prober prober,
      final PingListener listener) {
    this.groups = List.copyOf(groups);
    final List<String> distinct = new ArrayList<>();
    this.members = new int[this.groups.size()][];
    for (int g = 0; g < members.length; g++) {
      final List<String> addresses = this.groups.get(g).addresses();
      members[g] = new int[addresses.size()];
      for (int a = 0; a < addresses.size(); a++) {
        if (!distinct.contains(addresses.get(a))) {
          distinct.add(addresses.get(a));
        }
        members[g][a] = distinct.indexOf(addresses.get(a));
      }
    }
    this.targets = new InetAddress[distinct.size()];
    for (int t = 0; t < targets.length; t++) {
      targets[t] = resolve(distinct.get(t));
    }
    this.answeredNow = new boolean[targets.length];
    this.verdicts = new PingVerdict[this.groups.size()];
    this.deadpingMs = deadpingMs;
    this.initdeadMs = initdeadMs;
    this.intervalMs = Math.max(MIN_INTERVAL_MS, keepaliveMs);
    this.timeoutMs = (int) Math.max(1, intervalMs / Math.max(1, targets.length));
    this.prober = prober;
    this.listener = listener;
    this.thread = new Thread(this::run, THREAD_NAME);
    this.thread.setDaemon(true);
  }

  private static InetAddress resolve(final String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "ping address " + address + " does not resolve; give an IP address in ha.cf", e);
    }
  }

  /**
   * Starts probing; every group is {@link Reachability#UNKNOWN} until its first verdict. Without
   * ping groups no thread is started. Warns once when ICMP needs a privilege this process lacks.
   */
  public void start() {
    if (groups.isEmpty()) {
      return;
    }
    if (prober == Prober.ICMP && !mayOpenRawSockets()) {
      LOG.warn(
          "ping nodes: this process may not open raw ICMP sockets (no CAP_NET_RAW), so the JDK"
              + " probes TCP port 7 instead and a host that refuses the connection counts as"
              + " answering; run the daemon as root or give it CAP_NET_RAW");
    }
    running = true;
    thread.start();
  }

  /**
   * Stops probing and waits for the thread to end: at once when it waits for the next round, or
   * after the probe in flight, which the JDK does not interrupt (at most the interval divided by
   * the number of addresses).
   */
  @Override
  public void close() {
    running = false;
    if (!thread.isAlive()) {
      return;
    }
    LockSupport.unpark(thread);
    try {
      thread.join(timeoutMs + CLOSE_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("ping nodes: {} did not stop within {} ms of close", THREAD_NAME, timeoutMs);
    }
  }

  /** The interval between two rounds. */
  public long intervalMs() {
    return intervalMs;
  }

  /** The longest a single probe waits for its reply. */
  public int probeTimeoutMs() {
    return timeoutMs;
  }

  /** Rounds completed since start. */
  public long rounds() {
    return rounds;
  }

  /** Probes that could not be sent (each counts as no reply). */
  public long probeErrors() {
    return probeErrors;
  }

  private void run() {
    final long startMs = nowMs();
    for (int g = 0; g < verdicts.length; g++) {
      final HaCf.PingGroup group = groups.get(g);
      verdicts[g] =
          new PingVerdict(group.name(), group.addresses(), deadpingMs, initdeadMs, startMs);
    }
    long nextMs = startMs;
    while (running) {
      probeAll();
      final long nowMs = nowMs();
      judgeAll(nowMs);
      rounds++;
      // Behind schedule (slow probes, a stalled machine): go on at once, but do not burst.
      nextMs = Math.max(nextMs + intervalMs, nowMs);
      awaitRound(nextMs);
    }
  }

  private void probeAll() {
    for (int t = 0; t < targets.length && running; t++) {
      answeredNow[t] = probe(targets[t]);
    }
  }

  private boolean probe(final InetAddress target) {
    try {
      return prober.answers(target, timeoutMs);
    } catch (IOException | RuntimeException e) {
      probeErrors++;
      final String error = target.getHostAddress() + ": " + e;
      if (!error.equals(lastError)) {
        // Logged when it changes, not per probe: a broken route would otherwise flood the log.
        LOG.warn("ping nodes: cannot probe {} (counted as no reply)", error);
        lastError = error;
      }
      return false;
    }
  }

  private void judgeAll(final long nowMs) {
    for (int g = 0; g < verdicts.length && running; g++) {
      final PingVerdict v = verdicts[g];
      if (v.onRound(nowMs, firstAnswer(members[g]))) {
        tell(v);
      }
    }
  }

  private int firstAnswer(final int[] memberTargets) {
    for (int a = 0; a < memberTargets.length; a++) {
      if (answeredNow[memberTargets[a]]) {
        return a;
      }
    }
    return -1;
  }

  private void tell(final PingVerdict v) {
    final boolean reachable = v.reachability() == Reachability.REACHABLE;
    LOG.info(
        "ping group {} {}: {}", v.group(), reachable ? "reachable" : "unreachable", v.detail());
    try {
      listener.onPing(v.group(), reachable, v.detail());
    } catch (RuntimeException e) {
      LOG.error("ping nodes: the listener failed on group {}; probing goes on", v.group(), e);
    }
  }

  private void awaitRound(final long atMs) {
    long leftMs;
    while (running && (leftMs = atMs - nowMs()) > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(leftMs));
    }
  }

  private static long nowMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }

  /**
   * Whether this process holds CAP_NET_RAW, which the JDK needs to send ICMP echo; false when that
   * cannot be told (no /proc).
   */
  static boolean mayOpenRawSockets() {
    try {
      for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          final long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          return (caps & (1L << CAP_NET_RAW)) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("cannot read this process's capabilities", e);
    }
    return false;
  }
}
