package io.systole.engine.config;

import io.systole.engine.config.HaCf.AutoFailback;
import io.systole.engine.config.HaCf.Autojoin;
import io.systole.engine.config.HaCf.PingGroup;
import io.systole.engine.config.HaCf.Respawn;
import io.systole.engine.config.HaCf.Stonith;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads ha.cf as Heartbeat 3.0.6 does: top to bottom, every directive it knows and no other, each
 * value token applied in turn (so a repeated directive overrides), {@code udpport} and {@code baud}
 * captured by the media lines after them. Then the cross-checks Heartbeat makes at start, and the
 * warnings it should have given. Reports every problem of the file in one pass; never throws.
 */
final class HaCfParser {
  /** Why legacy matters more in a cluster being migrated (Systole does not speak ip-request). */
  private static final String LEGACY_NEXT_TO_HEARTBEAT =
      " (next to a Heartbeat node a Systole node takes no group in legacy mode: legacy's"
          + " ip-request exchange is not spoken; on is what legacy does)";

  static final String FILE = "ha.cf";
  private static final int DEFAULT_UDPPORT = 694;
  private static final int DEFAULT_BAUD = 19200;
  private static final Set<Integer> BAUDS =
      Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800);
  private static final Set<String> FACILITIES =
      Set.of(
          "auth",
          "authpriv",
          "cron",
          "daemon",
          "ftp",
          "kern",
          "lpr",
          "mail",
          "news",
          "syslog",
          "user",
          "uucp",
          "local0",
          "local1",
          "local2",
          "local3",
          "local4",
          "local5",
          "local6",
          "local7",
          "none");

  /** What a directive does with its line. */
  @FunctionalInterface
  private interface Handler {
    void apply(ConfigLine line) throws ConfigValueException;
  }

  /** A directive Heartbeat knows; {@code acted} says whether Systole acts on it. */
  private record Directive(Handler handler, boolean acted) {}

  private final Diagnostics diagnostics;
  private final HostFacts facts;
  private final boolean onNode;
  private final Map<String, Directive> directives = new HashMap<>();

  private final Map<String, Long> times = new HashMap<>();
  private final Map<String, Integer> timeLines = new HashMap<>();
  private final Set<String> nodes = new LinkedHashSet<>();
  private final List<Medium> media = new ArrayList<>();
  private final List<PingGroup> pingGroups = new ArrayList<>();
  private final List<Respawn> respawns = new ArrayList<>();
  private final List<Stonith> stonith = new ArrayList<>();
  private final Map<String, List<String>> inactive = new LinkedHashMap<>();
  private int udpport = DEFAULT_UDPPORT;
  private int baud = DEFAULT_BAUD;
  private int lastUdpMediumLine;
  private int lastSerialLine;
  private int crmLine;
  private Boolean useLogd;
  private int useLogdLine;
  private AutoFailback autoFailback;
  private Autojoin autojoin = Autojoin.NONE;
  private String logfile = "";
  private String debugfile = "";
  private String logfacility = "none";
  private String watchdog = "";
  private io.systole.journal.event.Quorum quorum = io.systole.journal.event.Quorum.OFF;
  private final Map<String, Integer> votes = new java.util.TreeMap<>();
  private int votesLine;
  private String tiebreaker = "";
  private int tiebreakerLine;
  private long fenceDelayMs = HaCf.Guards.DEFAULT_FENCE_DELAY_MS;
  private HaCf.FenceAction fenceAction = HaCf.FenceAction.RESET;
  private long fenceTimeoutMs = HaCf.Guards.DEFAULT_FENCE_TIMEOUT_MS;
  private int hopfudge = 1;
  private HaCf.Detector.Kind detectorKind = HaCf.Detector.Kind.HEARTBEAT;
  private double phiThreshold = 8.0;
  private long phiFloorMs = -1;
  private HaCf.Wait wait = HaCf.Wait.BLOCKING;
  private long actionTimeoutMs = 20_000;
  private long monitorIntervalMs = 10_000;
  private String ucastBind = "";
  private HaCf.Metrics metrics = HaCf.Metrics.NONE;
  private String checkpointKey = "";
  private int checkpointEvery = HaCf.Checkpoints.DEFAULT_EVERY;
  private boolean realtime = true;
  private int rtprio = HaCf.Realtime.DEFAULT_PRIORITY;
  private String notifyProgram = "";
  private long notifyTimeoutMs = HaCf.Notify.DEFAULT_TIMEOUT_MS;

  HaCfParser(final Diagnostics diagnostics, final HostFacts facts, final boolean onNode) {
    this.diagnostics = diagnostics;
    this.facts = facts;
    this.onNode = onNode;
    timings();
    membership();
    mediaDirectives();
    policy();
    logging();
    process();
    systole();
  }

  /** Parses the lines of ha.cf and returns the effective configuration. */
  HaCf parse(final List<String> lines, final String localNode) {
    for (int i = 0; i < lines.size(); i++) {
      final ConfigLine line = ConfigLine.parse(i + 1, lines.get(i));
      if (line != null) {
        apply(line);
      }
    }
    return conclude(localNode);
  }

  private void apply(final ConfigLine line) {
    final Directive d = directives.get(line.directive());
    if (d == null) {
      error(
          line,
          "unknown directive '"
              + line.directive()
              + "' (Heartbeat refuses it too); check the spelling against ha.cf(5)");
      return;
    }
    try {
      d.handler().apply(line);
    } catch (ConfigValueException e) {
      // STONITH parameters can be passwords: never echo them.
      final boolean sensitive = line.directive().startsWith("stonith");
      final String as = line.values().isEmpty() || sensitive ? "" : " " + line.text();
      error(line, line.directive() + as + ": " + e.getMessage());
      return;
    }
    if (!d.acted()) {
      inactive.computeIfAbsent(line.directive(), k -> new ArrayList<>()).add(line.text());
      warn(
          line,
          line.directive()
              + " is accepted for compatibility with Heartbeat, but Systole does not act on it");
    }
  }

  private void timings() {
    for (final String name : List.of("keepalive", "deadtime", "warntime", "initdead", "deadping")) {
      acted(
          name,
          l -> {
            for (final String v : values(l, 1, Integer.MAX_VALUE)) {
              times.put(name, Values.timeMillis(v));
              timeLines.put(name, l.number());
            }
          });
    }
    inactive("conn_logd_time", l -> eachTime(l));
    inactive("max_rexmit_delay", l -> eachInt(l, 1, Integer.MAX_VALUE));
  }

  private void membership() {
    acted(
        "node",
        l -> {
          if (l.values().isEmpty()) {
            warn(l, "this node line names no node (Heartbeat ignores it too)");
          }
          for (final String v : l.values()) {
            nodes.add(v.toLowerCase(Locale.ROOT));
          }
        });
    acted(
        "autojoin",
        l -> {
          autojoin = choice(l, Autojoin.class);
          if (autojoin != Autojoin.NONE) {
            throw new ConfigValueException(
                "nodes may join on their own only under Pacemaker; in the haresources mode every"
                    + " node must be on a node line (Heartbeat refuses this too): use autojoin"
                    + " none");
          }
        });
    inactive("uuidfrom", l -> oneOf(l, "file", "nodename"));
    inactive("hbgenmethod", l -> oneOf(l, "file", "time"));
    inactive("cluster", l -> values(l, 1, 1));
    acted("hopfudge", l -> hopfudge = Values.integer(last(l), 0, 255));
    acted(
        "ping",
        l -> {
          for (final String v : values(l, 1, Integer.MAX_VALUE)) {
            pingGroups.add(new PingGroup(v, List.of(address(v))));
          }
        });
    acted(
        "ping_group",
        l -> {
          final List<String> v = values(l, 2, Integer.MAX_VALUE);
          final List<String> addresses = new ArrayList<>();
          for (final String a : v.subList(1, v.size())) {
            addresses.add(address(a));
          }
          pingGroups.add(new PingGroup(v.get(0), addresses));
        });
  }

  private void mediaDirectives() {
    acted("udpport", this::udpport);
    acted("baud", this::baud);
    acted("bcast", this::bcast);
    acted("udp", this::bcast);
    acted("mcast", l -> mcast(l, false));
    acted("mcast6", l -> mcast(l, true));
    acted("ucast", l -> ucast(l, false));
    acted("ucast6", l -> ucast(l, true));
    acted(
        "serial",
        l -> {
          for (final String device : values(l, 1, Integer.MAX_VALUE)) {
            if (device.indexOf('\0') >= 0 || !device.startsWith("/")) {
              throw new ConfigValueException(
                  "'" + device + "' is not a device path like /dev/ttyS0");
            }
            media.add(new Medium.Serial(device, baud));
            checkDevice(l, Path.of(device));
          }
          lastSerialLine = l.number();
        });
  }

  private void policy() {
    acted(
        "auto_failback",
        l -> {
          final String v = last(l).toLowerCase(Locale.ROOT);
          if (v.equals("legacy")) {
            autoFailback = AutoFailback.LEGACY;
          } else if (Values.isBool(v)) {
            autoFailback = Values.bool(v) ? AutoFailback.ON : AutoFailback.OFF;
          } else {
            throw new ConfigValueException("'" + v + "' is not on, off or legacy");
          }
        });
    acted(
        "nice_failback",
        l -> {
          final boolean on = Values.bool(last(l));
          autoFailback = on ? AutoFailback.OFF : AutoFailback.LEGACY;
          warn(
              l,
              "nice_failback is obsolete; it means auto_failback "
                  + (on ? "off" : "legacy")
                  + " here, as in Heartbeat: write that instead");
        });
    acted(
        "stonith",
        l -> {
          final List<String> v = values(l, 2, 2);
          stonith.add(new Stonith("*", v.get(0), List.of(v.get(1))));
          checkStonithType(l, v.get(0));
          if (v.get(1).indexOf('\0') < 0 && !facts.exists(Path.of(v.get(1)))) {
            report(
                l,
                "the STONITH configuration file " + v.get(1) + " does not exist on this machine");
          }
        });
    acted(
        "stonith_host",
        l -> {
          final List<String> v = values(l, 2, Integer.MAX_VALUE);
          stonith.add(new Stonith(v.get(0), v.get(1), v.subList(2, v.size())));
          checkStonithType(l, v.get(1));
        });
    acted("respawn", l -> respawn(l, false));
    inactive("failfast", l -> respawn(l, true));
    inactive("apiauth", l -> values(l, 1, Integer.MAX_VALUE));
    acted("crm", this::crm);
    acted("pacemaker", this::crm);
    for (final String pacemakerOnly :
        List.of(
            "crm_daemon_dir",
            "crmd_spawns_pengine",
            "record_config_changes",
            "record_pengine_inputs",
            "enable_config_writes",
            "quorum_server")) {
      inactive(pacemakerOnly, l -> values(l, 1, Integer.MAX_VALUE));
    }
  }

  private void logging() {
    acted("logfile", l -> logfile = last(l));
    acted("debugfile", l -> debugfile = last(l));
    acted(
        "logfacility",
        l -> {
          final String v = last(l).toLowerCase(Locale.ROOT);
          if (!FACILITIES.contains(v)) {
            throw new ConfigValueException("'" + v + "' is not a syslog facility (or none)");
          }
          logfacility = v;
        });
    inactive(
        "use_logd",
        l -> {
          useLogd = Values.bool(last(l));
          useLogdLine = l.number();
        });
    inactive("debug", l -> eachInt(l, 0, 255));
    for (final String b : List.of("syslogmsgfmt", "log_badpack", "coredumps")) {
      inactive(b, l -> eachBool(l));
    }
    inactive("coreroot", l -> values(l, 1, 1));
  }

  private void process() {
    acted("realtime", l -> realtime = Values.bool(last(l)));
    acted("rtprio", l -> rtprio = Values.integer(last(l), 1, 99));
    inactive("memreserve", l -> eachInt(l, 0, Integer.MAX_VALUE));
    acted("watchdog", this::watchdog);
    inactive("msgfmt", l -> oneOf(l, "classic", "netstring"));
    inactive("compression", l -> oneOf(l, "zlib", "bz2"));
    inactive("compression_threshold", l -> eachInt(l, 0, Integer.MAX_VALUE));
    inactive("traditional_compression", l -> eachBool(l));
    inactive(
        "env",
        l -> {
          for (final String v : values(l, 1, Integer.MAX_VALUE)) {
            if (v.indexOf('=') <= 0) {
              throw new ConfigValueException("'" + v + "' is not NAME=value");
            }
          }
        });
    inactive("use_apphbd", l -> eachBool(l));
  }

  /** Systole's own directives: named systole_* so that they cannot collide with Heartbeat's. */
  private void systole() {
    acted("systole_detector", l -> detectorKind = choice(l, HaCf.Detector.Kind.class));
    acted(
        "systole_phi_threshold",
        l -> {
          final String v = last(l);
          try {
            phiThreshold = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            phiThreshold = Double.NaN;
          }
          if (!(phiThreshold >= 1 && phiThreshold <= 32)) {
            throw new ConfigValueException("'" + v + "' is not a number from 1 to 32 (8 is usual)");
          }
        });
    acted("systole_phi_floor", l -> phiFloorMs = Values.timeMillis(last(l)));
    acted("systole_wait_strategy", l -> wait = choice(l, HaCf.Wait.class));
    acted("systole_action_timeout", l -> actionTimeoutMs = Values.timeMillis(last(l)));
    acted(
        "systole_monitor_interval",
        l -> monitorIntervalMs = "0".equals(last(l)) ? 0 : Values.timeMillis(last(l)));
    acted(
        "systole_ucast_bind",
        l -> {
          final String v = last(l);
          if (!Addresses.isIpv4(v)) {
            throw new ConfigValueException(
                "'"
                    + v
                    + "' is not an IPv4 address; give this node's own address on the ucast"
                    + " interface, such as 127.0.0.2");
          }
          ucastBind = v;
        });
    acted("systole_checkpoint_key", l -> checkpointKey = last(l));
    acted("systole_checkpoint_every", l -> checkpointEvery = Values.integer(last(l), 1, 1_000_000));
    acted("systole_quorum", l -> quorum = choice(l, io.systole.journal.event.Quorum.class));
    acted(
        "systole_votes",
        l -> {
          final List<String> v = values(l, 2, 2);
          votes.put(v.get(0).toLowerCase(Locale.ROOT), Values.integer(v.get(1), 0, 1000));
          votesLine = l.number();
        });
    acted(
        "systole_tiebreaker",
        l -> {
          tiebreaker = last(l);
          tiebreakerLine = l.number();
        });
    acted("systole_fence_delay", l -> fenceDelayMs = Values.timeMillis(last(l)));
    acted("systole_fence_action", l -> fenceAction = choice(l, HaCf.FenceAction.class));
    acted("systole_fence_timeout", l -> fenceTimeoutMs = Values.timeMillis(last(l)));
    acted(
        "systole_notify",
        l -> {
          final String program = last(l);
          if (!program.startsWith("/")) {
            throw new ConfigValueException(
                "'" + program + "' is not an absolute path; name the program as /PATH");
          }
          notifyProgram = program;
          checkExecutable(l, program);
        });
    acted("systole_notify_timeout", l -> notifyTimeoutMs = Values.timeMillis(last(l)));
    acted("systole_metrics", l -> metrics = metricsEndpoint(last(l)));
  }

  /** {@code ADDRESS:PORT}, the address a literal (IPv6 in brackets) so that no lookup is needed. */
  private static HaCf.Metrics metricsEndpoint(final String v) throws ConfigValueException {
    final int colon = v.lastIndexOf(':');
    final String host = colon < 0 ? "" : v.substring(0, colon);
    final boolean v6 = host.startsWith("[") && host.endsWith("]");
    final String address = v6 ? host.substring(1, host.length() - 1) : host;
    if (v6 ? !Addresses.isIpv6(address) : !Addresses.isIpv4(address)) {
      throw new ConfigValueException(
          "'"
              + v
              + "' is not ADDRESS:PORT with an IP address, such as 127.0.0.1:9464 (loopback only),"
              + " 0.0.0.0:9464 (every interface) or [::1]:9464");
    }
    return new HaCf.Metrics(address, Values.integer(v.substring(colon + 1), 1, 65535));
  }

  /**
   * Heartbeat's C STONITH plugins are not driven by Systole: a node whose device is one of them
   * would not start, so the configuration check says so at once.
   */
  private void checkStonithType(final ConfigLine l, final String type) {
    if (!type.equals("external")
        && !type.startsWith("external/")
        && !type.equals("meatware")
        && !type.equals("null")) {
      warn(
          l,
          "STONITH type "
              + type
              + " is not one Systole drives (external PROGRAM, external/PLUGIN, meatware, null):"
              + " a node it applies to will not start; wrap the device's command in a program and"
              + " name it with stonith_host * external /path/to/program");
    }
  }

  /** The split-brain guards, checked against the nodes and ping groups. */
  private HaCf.Guards guards() {
    for (final String node : votes.keySet()) {
      if (!nodes.contains(node)) {
        error(
            votesLine,
            "systole_votes names "
                + node
                + ", which is not among the node lines ("
                + String.join(", ", nodes)
                + ")");
      }
    }
    final boolean file = tiebreaker.startsWith("/");
    if (file && (tiebreaker.indexOf(' ') >= 0 || tiebreaker.endsWith("/"))) {
      error(
          tiebreakerLine,
          "systole_tiebreaker "
              + tiebreaker
              + ": a quorum file is an absolute path to a file (no spaces) that every node reaches,"
              + " on storage with POSIX locks, such as /shared/systole.quorum");
    } else if (file && !facts.exists(Path.of(tiebreaker).getParent())) {
      final String missing =
          "the quorum file's directory "
              + Path.of(tiebreaker).getParent()
              + " does not exist on this machine: mount the shared storage there";
      if (onNode) {
        error(tiebreakerLine, missing);
      } else {
        warn(tiebreakerLine, missing);
      }
    } else if (!file
        && !tiebreaker.isEmpty()
        && pingGroups.stream().noneMatch(g -> g.name().equals(tiebreaker))) {
      error(
          tiebreakerLine,
          "systole_tiebreaker "
              + tiebreaker
              + " is not a ping group: add 'ping ADDRESS' or 'ping_group "
              + tiebreaker
              + " ADDRESS...' and name that group (a ping line's group is named by its address),"
              + " or give a quorum file by its absolute path");
    } else if (!tiebreaker.isEmpty() && quorum != io.systole.journal.event.Quorum.MAJORITY) {
      warn(
          tiebreakerLine,
          "systole_tiebreaker has no effect without systole_quorum majority: add that line");
    }
    if (quorum == io.systole.journal.event.Quorum.MAJORITY
        && nodes.size() == 2
        && tiebreaker.isEmpty()
        && votes.isEmpty()) {
      warn(
          0,
          "systole_quorum majority in a two-node cluster without a tiebreaker stops every group"
              + " whenever one node is down: add systole_tiebreaker PINGGROUP or"
              + " systole_tiebreaker /shared/QUORUMFILE, or use fencing"
              + " (stonith_host) without quorum");
    }
    return new HaCf.Guards(quorum, votes, tiebreaker, fenceDelayMs, fenceAction, fenceTimeoutMs);
  }

  private void udpport(final ConfigLine l) throws ConfigValueException {
    final int before = udpport;
    udpport = Values.integer(last(l), 1, 65535);
    if (lastUdpMediumLine > 0) {
      warnLate(l, "udpport", "bcast/ucast", lastUdpMediumLine, before == udpport, "media");
    }
  }

  /** A udpport or baud after the media it was meant for: Heartbeat applies it only below. */
  private void warnLate(
      final ConfigLine l,
      final String directive,
      final String medium,
      final int mediumLine,
      final boolean same,
      final String what) {
    warn(
        l,
        directive
            + " comes after the "
            + medium
            + " line "
            + mediumLine
            + (same
                ? ", which already uses this value, so it changes nothing here; but"
                : ", which keeps the value before it;")
            + " as in Heartbeat, "
            + directive
            + " applies only to the "
            + what
            + " lines after it: move it above them");
  }

  private void baud(final ConfigLine l) throws ConfigValueException {
    final int rate = Values.integer(last(l), 1, Integer.MAX_VALUE);
    if (!BAUDS.contains(rate)) {
      throw new ConfigValueException("'" + rate + "' is not a baud rate (9600..460800)");
    }
    final int before = baud;
    baud = rate;
    if (lastSerialLine > 0) {
      warnLate(l, "baud", "serial", lastSerialLine, before == baud, "serial");
    }
  }

  private void bcast(final ConfigLine l) throws ConfigValueException {
    for (final String device : values(l, 1, Integer.MAX_VALUE)) {
      media.add(new Medium.Bcast(device, udpport));
      if (checkInterface(l, device) && !facts.hasBroadcast(device)) {
        report(
            l,
            device
                + " has no IPv4 broadcast address: bcast would send nowhere and each node"
                + " would take the service; add one (ip addr add ADDR/BITS brd + dev "
                + device
                + ") or use ucast");
      }
    }
    lastUdpMediumLine = l.number();
  }

  private void mcast(final ConfigLine l, final boolean ipv6) throws ConfigValueException {
    final List<String> v = values(l, 5, 5);
    final String group = v.get(1);
    if (ipv6 ? !Addresses.isIpv6Multicast(group) : !Addresses.isIpv4Multicast(group)) {
      throw new ConfigValueException(
          "'"
              + group
              + "' is not an "
              + (ipv6 ? "IPv6 multicast group (ff00::/8)" : "IPv4 multicast group (224-239.x.x.x)")
              + "; the fields are DEV GROUP PORT TTL LOOP");
    }
    final int port = Values.integer(v.get(2), 1, 65535);
    final int ttl = Values.integer(v.get(3), 0, 255);
    if (ttl == 0) {
      warn(
          l,
          "mcast with ttl 0 never leaves this host, so no peer hears it (Heartbeat accepts it"
              + " too): use ttl 1 or more");
    }
    final int loop = Values.integer(v.get(4), 0, 1);
    media.add(new Medium.Mcast(v.get(0), group, port, ttl, loop == 1, ipv6));
    checkInterface(l, v.get(0));
  }

  private void ucast(final ConfigLine l, final boolean ipv6) throws ConfigValueException {
    final List<String> v = values(l, 2, 2);
    final String peer = v.get(1);
    final boolean valid =
        ipv6 ? Addresses.isIpv6(peer) : Addresses.isIpv4(peer) || Addresses.isHostName(peer);
    if (!valid) {
      throw new ConfigValueException(
          "'" + peer + "' is not " + (ipv6 ? "an IPv6 address" : "an IPv4 address or host name"));
    }
    media.add(new Medium.Ucast(v.get(0), peer, udpport, ipv6));
    checkInterface(l, v.get(0));
    lastUdpMediumLine = l.number();
  }

  private void crm(final ConfigLine l) throws ConfigValueException {
    if (crmLine > 0) {
      throw new ConfigValueException(
          "crm or pacemaker may appear only once; it was set on line " + crmLine);
    }
    crmLine = l.number();
    final String v = last(l).toLowerCase(Locale.ROOT);
    if (Values.isBool(v) && !Values.bool(v)) {
      return;
    }
    if (!Values.isBool(v) && !v.equals("respawn") && !v.equals("manual")) {
      throw new ConfigValueException("'" + v + "' is not a boolean, respawn or manual");
    }
    throw new ConfigValueException(
        "Systole runs only Heartbeat's haresources mode (resource groups in haresources),"
            + " not Pacemaker; remove the line, or keep this node on Heartbeat with Pacemaker");
  }

  private void respawn(final ConfigLine l, final boolean failfast) throws ConfigValueException {
    final String[] words = l.text().split("\\s+");
    if (words.length < 2) {
      throw new ConfigValueException("needs a user and a program: respawn USER /PATH [ARGS]");
    }
    respawns.add(new Respawn(words[0], List.of(words).subList(1, words.length), failfast));
    checkExecutable(l, words[1]);
  }

  /** Reports a program that is not an executable file here (a NUL cannot name a file). */
  private void checkExecutable(final ConfigLine l, final String program) {
    if (program.indexOf('\0') < 0 && !facts.isExecutable(Path.of(program))) {
      report(l, program + " is not an executable file on this machine");
    }
  }

  /** Fills in defaults and runs Heartbeat's cross-checks. */
  private HaCf conclude(final String localNode) {
    final long keepalive = times.getOrDefault("keepalive", 1000L);
    final long deadtime = times.getOrDefault("deadtime", 30000L);
    final long warntime = times.getOrDefault("warntime", deadtime / 2);
    final long initdead =
        times.getOrDefault(
            "initdead", deadtime > 10_000 ? deadtime : deadtime < 6_000 ? 12_000 : 2 * deadtime);
    final long deadping = times.getOrDefault("deadping", deadtime);
    checkTimings(keepalive, deadtime, warntime, initdead, deadping);
    if (Boolean.FALSE.equals(useLogd)
        && logfile.isEmpty()
        && debugfile.isEmpty()
        && logfacility.equals("none")) {
      error(
          useLogdLine,
          "use_logd off with no logfile, debugfile or logfacility leaves this node without a log"
              + " (Heartbeat refuses this too): add a logfile line");
    }
    if (media.isEmpty()) {
      error(0, "no heartbeat media: add a bcast, mcast, ucast or serial line");
    }
    if (nodes.isEmpty()) {
      error(0, "no node lines: list every cluster member, e.g. node ha1 ha2");
    } else if (!nodes.contains(localNode)) {
      error(
          0,
          "this node, '"
              + localNode
              + "', is not among the node lines ("
              + String.join(", ", nodes)
              + "); fix the node lines, or give the node's name with --node");
    }
    if (autoFailback == null) {
      warn(
          0,
          "auto_failback is not set, so it is legacy (Heartbeat's default, deprecated): set"
              + " auto_failback on or off"
              + LEGACY_NEXT_TO_HEARTBEAT);
    } else if (autoFailback == AutoFailback.LEGACY) {
      warn(
          0,
          "auto_failback legacy is deprecated: set auto_failback on or off"
              + LEGACY_NEXT_TO_HEARTBEAT);
    }
    return new HaCf(
        keepalive,
        deadtime,
        warntime,
        initdead,
        deadping,
        List.copyOf(nodes),
        media,
        autoFailback == null ? AutoFailback.LEGACY : autoFailback,
        pingGroups,
        respawns,
        stonith,
        logfile,
        debugfile,
        logfacility,
        watchdog,
        hopfudge,
        autojoin,
        new HaCf.Detector(detectorKind, phiThreshold, phiFloorMs < 0 ? deadtime : phiFloorMs),
        wait,
        actionTimeoutMs,
        monitorIntervalMs,
        ucastBind,
        new HaCf.Checkpoints(checkpointKey, checkpointEvery),
        new HaCf.Realtime(realtime, rtprio),
        guards(),
        metrics,
        new HaCf.Notify(notifyProgram, notifyTimeoutMs),
        inactive);
  }

  /** Heartbeat's checks between the timings, and the warnings it should have given. */
  private void checkTimings(
      final long keepalive,
      final long deadtime,
      final long warntime,
      final long initdead,
      final long deadping) {
    if (deadtime <= 2 * keepalive) {
      error(
          lineOf("deadtime", "keepalive"),
          "deadtime "
              + Values.formatMillis(deadtime)
              + " must be more than twice keepalive ("
              + Values.formatMillis(keepalive)
              + ")");
    }
    if (times.containsKey("initdead") && initdead < deadtime) {
      error(
          timeLines.get("initdead"),
          "initdead "
              + Values.formatMillis(initdead)
              + " must not be less than deadtime ("
              + Values.formatMillis(deadtime)
              + ")");
    } else if (initdead < 10_000) {
      warn(
          lineOf("initdead", "deadtime"),
          "initdead "
              + Values.formatMillis(initdead)
              + " is under 10s: at boot, the network may not be up in time, and a peer"
              + " would be declared dead");
    }
    if (warntime >= deadtime) {
      warn(
          timeLines.getOrDefault("warntime", 0),
          "warntime "
              + Values.formatMillis(warntime)
              + " is not below deadtime ("
              + Values.formatMillis(deadtime)
              + "), so no late heartbeat is ever reported; set it below deadtime");
    }
    if (times.containsKey("deadping") && deadping <= 2 * keepalive) {
      error(
          timeLines.get("deadping"),
          "deadping "
              + Values.formatMillis(deadping)
              + " must be more than twice keepalive ("
              + Values.formatMillis(keepalive)
              + ")");
    }
  }

  private int lineOf(final String first, final String fallback) {
    return timeLines.getOrDefault(first, timeLines.getOrDefault(fallback, 0));
  }

  private void acted(final String name, final Handler handler) {
    directives.put(name, new Directive(handler, true));
  }

  private void inactive(final String name, final Handler handler) {
    directives.put(name, new Directive(handler, false));
  }

  /** The values, which must number between {@code min} and {@code max}. */
  private static List<String> values(final ConfigLine l, final int min, final int max)
      throws ConfigValueException {
    final int n = l.values().size();
    if (n < min || n > max) {
      throw new ConfigValueException(
          (n == 0 ? "needs a value" : "takes " + (min == max ? "" + min : "at least " + min))
              + (n == 0 ? "" : " values, not " + n));
    }
    return l.values();
  }

  /** The last value: Heartbeat applies each token in turn, so the last one wins. */
  private static String last(final ConfigLine l) throws ConfigValueException {
    final List<String> v = values(l, 1, Integer.MAX_VALUE);
    return v.get(v.size() - 1);
  }

  private static void eachBool(final ConfigLine l) throws ConfigValueException {
    for (final String v : values(l, 1, Integer.MAX_VALUE)) {
      Values.bool(v);
    }
  }

  private static void eachInt(final ConfigLine l, final int min, final int max)
      throws ConfigValueException {
    for (final String v : values(l, 1, Integer.MAX_VALUE)) {
      Values.integer(v, min, max);
    }
  }

  private static void eachTime(final ConfigLine l) throws ConfigValueException {
    for (final String v : values(l, 1, Integer.MAX_VALUE)) {
      Values.timeMillis(v);
    }
  }

  private static void oneOf(final ConfigLine l, final String... allowed)
      throws ConfigValueException {
    final String v = last(l).toLowerCase(Locale.ROOT);
    if (!List.of(allowed).contains(v)) {
      throw new ConfigValueException("'" + v + "' is not one of " + String.join(", ", allowed));
    }
  }

  private static <E extends Enum<E>> E choice(final ConfigLine l, final Class<E> type)
      throws ConfigValueException {
    final String v = last(l);
    for (final E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw new ConfigValueException(
        "'"
            + v
            + "' is not one of "
            + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
  }

  /**
   * A missing device is a warning even on the node: Heartbeat starts without it (an error in its
   * log). Systole's daemon refuses to start instead, so the check says so ahead of time.
   */
  private void watchdog(final ConfigLine l) throws ConfigValueException {
    watchdog = last(l);
    if (watchdog.indexOf('\0') < 0 && !facts.exists(Path.of(watchdog))) {
      warn(
          l,
          "the watchdog device "
              + watchdog
              + " does not exist on this machine, and the daemon will not start without it: load"
              + " a watchdog driver (modprobe softdog) or remove the line");
    }
  }

  private static String address(final String v) throws ConfigValueException {
    if (!Addresses.isIpv4(v) && !Addresses.isIpv6(v) && !Addresses.isHostName(v)) {
      throw new ConfigValueException("'" + v + "' is not an address or host name");
    }
    return v;
  }

  /** Whether the interface exists; reports it when not. */
  private boolean checkInterface(final ConfigLine l, final String device) {
    if (facts.hasInterface(device)) {
      return true;
    }
    report(l, "interface " + device + " does not exist on this machine");
    return false;
  }

  private void checkDevice(final ConfigLine l, final Path device) {
    if (!facts.exists(device)) {
      report(l, "serial device " + device + " does not exist on this machine");
    }
  }

  /** On the node a missing device is an error; on a laptop or in CI it is a warning. */
  private void report(final ConfigLine l, final String message) {
    if (onNode) {
      error(l, message);
    } else {
      warn(l, message);
    }
  }

  private void error(final ConfigLine l, final String message) {
    diagnostics.error(FILE, l.number(), message);
  }

  private void error(final int line, final String message) {
    diagnostics.error(FILE, line, message);
  }

  private void warn(final ConfigLine l, final String message) {
    diagnostics.warn(FILE, l.number(), message);
  }

  private void warn(final int line, final String message) {
    diagnostics.warn(FILE, line, message);
  }
}
