package io.systole.engine.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective ha.cf: every value Heartbeat 3.0.6 would use, defaults filled in and times in
 * milliseconds. Directives Systole accepts for compatibility but does not act on are kept, with
 * their values, in {@link #inactive}.
 *
 * @param keepaliveMs interval between our heartbeats
 * @param deadtimeMs silence after which a link or a node is dead
 * @param warntimeMs silence after which a heartbeat counts as late
 * @param initdeadMs the deadtime in force until the cluster has first come up
 * @param deadpingMs the deadtime of ping nodes
 * @param nodes the cluster members, lower-cased, in file order
 * @param media the heartbeat media in file order
 * @param autoFailback what happens when a group's preferred node comes back
 * @param pingGroups ping nodes: a plain {@code ping} address is a group of one
 * @param respawns programs to start and keep running
 * @param stonith STONITH devices ({@code stonith} and {@code stonith_host} lines)
 * @param logfile where operator log lines go, or "" for none
 * @param debugfile where debug lines and resource script output go, or "" for none
 * @param logfacility the syslog facility, or "none"
 * @param watchdog the watchdog device, or "" for none
 * @param hopfudge how many extra hops a forwarded serial message may take
 * @param autojoin whether unknown authenticated nodes may join
 * @param detector which failure detector Systole runs (Systole's own directives)
 * @param waitStrategy how the rings' threads wait ({@code systole_wait_strategy})
 * @param actionTimeoutMs how long a resource action may take before it is killed and counts as
 *     failed ({@code systole_action_timeout})
 * @param monitorIntervalMs how often running groups are checked ({@code systole_monitor_interval});
 *     0: never
 * @param ucastBind the local IPv4 address every ucast medium binds ({@code systole_ucast_bind}), or
 *     "" for Heartbeat's choice, the interface's first address; lets several nodes share one host's
 *     loopback (127.0.0.1, 127.0.0.2, ...)
 * @param checkpoints signed journal checkpoints ({@code systole_checkpoint_key}, {@code
 *     systole_checkpoint_every})
 * @param realtime whether the heartbeat threads run SCHED_RR, and at what priority ({@code
 *     realtime}, {@code rtprio})
 * @param guards quorum, votes, tiebreaker and how fencing is carried out ({@code systole_quorum},
 *     {@code systole_votes}, {@code systole_tiebreaker}, {@code systole_fence_*})
 * @param metrics where the Prometheus metrics endpoint listens ({@code systole_metrics}), or {@link
 *     Metrics#NONE}
 * @param notifications the program told of every transition ({@code systole_notify}, {@code
 *     systole_notify_timeout})
 * @param inactive accepted but not acted on: directive name to its values in file order
 */
public record HaCf(
    long keepaliveMs,
    long deadtimeMs,
    long warntimeMs,
    long initdeadMs,
    long deadpingMs,
    List<String> nodes,
    List<Medium> media,
    AutoFailback autoFailback,
    List<PingGroup> pingGroups,
    List<Respawn> respawns,
    List<Stonith> stonith,
    String logfile,
    String debugfile,
    String logfacility,
    String watchdog,
    int hopfudge,
    Autojoin autojoin,
    Detector detector,
    Wait waitStrategy,
    long actionTimeoutMs,
    long monitorIntervalMs,
    String ucastBind,
    Checkpoints checkpoints,
    Realtime realtime,
    Guards guards,
    Metrics metrics,
    Notify notifications,
    Map<String, List<String>> inactive) {

  /** Copies the collections so that the record is immutable. */
  public HaCf {
    nodes = List.copyOf(nodes);
    media = List.copyOf(media);
    pingGroups = List.copyOf(pingGroups);
    respawns = List.copyOf(respawns);
    stonith = List.copyOf(stonith);
    inactive = Map.copyOf(inactive);
  }

  /**
   * The STONITH device {@code node} fences with, as Heartbeat picks it: the first {@code stonith}
   * or {@code stonith_host} line for all hosts ({@code *}) or for {@code node}; empty when none
   * applies.
   */
  public Optional<Stonith> stonithFor(final String node) {
    return Stonith.applying(stonith, node);
  }

  /**
   * The address and port of the opt-in Prometheus metrics endpoint ({@code systole_metrics
   * ADDRESS:PORT}); {@link #NONE} when the line is absent, so that nothing listens.
   *
   * @param address an IPv4 or IPv6 literal, without brackets
   * @param port from 1 to 65535, or 0 for none
   */
  public record Metrics(String address, int port) {
    /** No metrics endpoint. */
    public static final Metrics NONE = new Metrics("", 0);

    /** Whether an endpoint is configured. */
    public boolean enabled() {
      return port > 0;
    }

    /** As ha.cf spells it, {@code 127.0.0.1:9464} or {@code [::1]:9464}; "none" for none. */
    @Override
    public String toString() {
      if (!enabled()) {
        return "none";
      }
      return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
  }

  /**
   * Signed journal checkpoints: the node's Ed25519 private key (a PKCS#8 PEM file, as {@code
   * openssl genpkey -algorithm ed25519} writes it; relative to the configuration directory), or ""
   * for none, and how many entries between two checkpoints (one is also written at each clean
   * stop).
   */
  public record Checkpoints(String keyFile, int every) {
    /** Entries between two checkpoints unless {@code systole_checkpoint_every} says otherwise. */
    public static final int DEFAULT_EVERY = 1000;

    /** Whether the journal is signed. */
    public boolean enabled() {
      return !keyFile.isEmpty();
    }
  }

  /**
   * The program run, with the details in {@code SYSTOLE_*} environment variables, on every node,
   * link, group, fencing, ping and daemon transition ({@code systole_notify PROGRAM}), or "" for
   * none, and how long one run may take before its process group is killed ({@code
   * systole_notify_timeout}).
   */
  public record Notify(String program, long timeoutMs) {
    /** How long one run may take unless {@code systole_notify_timeout} says otherwise. */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;

    /** Whether a program is configured. */
    public boolean enabled() {
      return !program.isEmpty();
    }
  }

  /**
   * Heartbeat's {@code realtime} and {@code rtprio}: on (the default, as in Heartbeat), the threads
   * that send, receive and judge heartbeats run SCHED_RR at {@code priority}, so that a machine
   * busy with other work does not delay them past deadtime.
   */
  public record Realtime(boolean on, int priority) {
    /** Heartbeat's default priority: the middle of SCHED_RR's range 1..99. */
    public static final int DEFAULT_PRIORITY = 50;
  }

  /** Heartbeat's {@code auto_failback}. */
  public enum AutoFailback {
    /** The preferred node takes its groups back whenever it is up. */
    ON,
    /** Groups stay where they run until that node fails or an admin moves them. */
    OFF,
    /** The pre-2.0 protocol: the preferred node always asks for its groups back. */
    LEGACY
  }

  /**
   * Systole's failure detector, set with {@code systole_detector heartbeat|phi}, {@code
   * systole_phi_threshold N} and {@code systole_phi_floor TIME}: Heartbeat's fixed deadtime (the
   * default), or phi accrual, which never declares a link dead before the floor (deadtime unless
   * set).
   */
  public record Detector(Kind kind, double phiThreshold, long phiFloorMs) {
    /** The detector kinds. */
    public enum Kind {
      HEARTBEAT,
      PHI
    }
  }

  /**
   * How the daemon's ring threads wait for work ({@code systole_wait_strategy}): blocking on a lock
   * (the default: an idle daemon uses next to no CPU), sleeping, yielding, or spinning (lowest
   * latency, but each ring thread then keeps a core busy).
   */
  public enum Wait {
    BLOCKING,
    SLEEPING,
    YIELDING,
    BUSYSPIN
  }

  /**
   * What guards against split brain besides the STONITH lines: quorum and each node's votes, the
   * tiebreaker ping group that gives quorum to exactly half of the votes, and how fencing is done.
   *
   * @param quorum {@code systole_quorum}: off (Heartbeat's behaviour) or majority
   * @param votes {@code systole_votes NODE N}: the nodes with other than one vote
   * @param tiebreaker {@code systole_tiebreaker}: a ping group's name, or "" for none
   * @param fenceDelayMs {@code systole_fence_delay}: how long a node without precedence waits
   *     before it fences
   * @param fenceAction {@code systole_fence_action}: what a fence agent is asked to do
   * @param fenceTimeoutMs {@code systole_fence_timeout}: how long one attempt may take
   */
  public record Guards(
      io.systole.journal.event.Quorum quorum,
      Map<String, Integer> votes,
      String tiebreaker,
      long fenceDelayMs,
      FenceAction fenceAction,
      long fenceTimeoutMs) {
    /** How long a node without precedence waits before it fences, unless configured. */
    public static final long DEFAULT_FENCE_DELAY_MS = 5000;

    /** How long one fencing attempt may take, unless configured. */
    public static final long DEFAULT_FENCE_TIMEOUT_MS = 60_000;

    /** Copies the votes. */
    public Guards {
      votes = Map.copyOf(votes);
    }
  }

  /**
   * What a fence agent is asked to do to a node: reset it (Heartbeat's default) or power it off.
   */
  public enum FenceAction {
    RESET,
    OFF
  }

  /** Heartbeat's {@code autojoin}: which authenticated nodes may join without a node line. */
  public enum Autojoin {
    NONE,
    OTHER,
    ANY
  }

  /** A ping node: alive when any of its addresses answers. */
  public record PingGroup(String name, List<String> addresses) {
    /** Copies the addresses. */
    public PingGroup {
      addresses = List.copyOf(addresses);
    }
  }

  /** A program started as {@code user} and restarted when it exits; fatal to us if failfast. */
  public record Respawn(String user, List<String> command, boolean failfast) {
    /** Copies the command. */
    public Respawn {
      command = List.copyOf(command);
    }
  }

  /**
   * A STONITH device: {@code stonith TYPE CONFIGFILE} (for every host) or {@code stonith_host
   * FROMHOST TYPE PARAMS...}. Parameters may hold passwords: they are never printed.
   */
  public record Stonith(String fromHost, String type, List<String> params) {
    /** Copies the parameters. */
    public Stonith {
      params = List.copyOf(params);
    }

    /**
     * The first of {@code devices} for all hosts ({@code *}) or for {@code node}, as Heartbeat
     * picks the device a node fences with; empty when none applies.
     */
    public static Optional<Stonith> applying(final List<Stonith> devices, final String node) {
      for (final Stonith st : devices) {
        if (st.fromHost() == null || "*".equals(st.fromHost()) || st.fromHost().equals(node)) {
          return Optional.of(st);
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "Stonith[fromHost=" + fromHost + ", type=" + type + ", " + params.size() + " params]";
    }
  }
}
