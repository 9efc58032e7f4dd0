package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf.AutoFailback;
import io.systole.engine.config.HaCf.Autojoin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ha.cf as Heartbeat 3.0.6 reads it: every directive, unit, spelling and error message. */
class HaCfParserTest {
  /** Lines 1-4 of a valid ha.cf, without media; tests add from line 5. */
  private static final String BASE = "keepalive 1\ndeadtime 10\nauto_failback off\nnode ha1 ha2\n";

  @TempDir Path dir;
  private ConfigFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConfigFixture(dir);
  }

  private HaCf parse(final String haCf) {
    return fx.haCf(haCf).ok().haCf();
  }

  private List<String> errorsOf(final String haCf) {
    return fx.haCf(haCf).errors();
  }

  private List<String> warningsOf(final String haCf) {
    return fx.haCf(haCf).warnings();
  }

  @Test
  void defaultsAreHeartbeats() {
    final HaCf c = parse("bcast eth1\nnode ha1 ha2\n");
    assertEquals(1000, c.keepaliveMs());
    assertEquals(30000, c.deadtimeMs());
    assertEquals(15000, c.warntimeMs(), "warntime defaults to deadtime / 2");
    assertEquals(30000, c.initdeadMs(), "initdead = deadtime when deadtime > 10s");
    assertEquals(30000, c.deadpingMs());
    assertEquals(AutoFailback.LEGACY, c.autoFailback());
    assertEquals(Autojoin.NONE, c.autojoin());
    assertEquals(List.of(new Medium.Bcast("eth1", 694)), c.media());
  }

  @ParameterizedTest
  @CsvSource({"5, 12000", "6, 12000", "8, 16000", "10, 20000", "11, 11000"})
  void initdeadDefaultFollowsDeadtime(final int deadtime, final long initdead) {
    assertEquals(
        initdead,
        parse("deadtime " + deadtime + "\nkeepalive 1\nbcast eth1\nnode ha1\n").initdeadMs());
  }

  @ParameterizedTest
  @CsvSource({
    "2, 2000",
    "1.5, 1500",
    "1500ms, 1500",
    "1500000us, 1500",
    "1500000usec, 1500",
    ".5, 500",
    "0.0015, 2",
    "2MS, 2"
  })
  void timesTakeHeartbeatsUnits(final String text, final long millis) {
    assertEquals(millis, parse(BASE + "bcast eth1\nwarntime " + text + "\n").warntimeMs());
  }

  @ParameterizedTest
  @ValueSource(strings = {"5s", "1m", "-1", "abc", "0", "0ms", "1e3"})
  void notATime(final String text) {
    final List<String> errors = errorsOf(BASE + "bcast eth1\nwarntime " + text + "\n");
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).startsWith("ha.cf:6: warntime " + text + ": '"), errors.get(0));
  }

  @Test
  void ringsBlockByDefaultAndSystoleWaitStrategyChoosesOtherwise() {
    assertEquals(HaCf.Wait.BLOCKING, parse("bcast eth1\nnode ha1 ha2\n").waitStrategy());
    assertEquals(
        HaCf.Wait.BUSYSPIN,
        parse("bcast eth1\nnode ha1 ha2\nsystole_wait_strategy BusySpin\n").waitStrategy());
  }

  @Test
  void actionsTimeOutAfter20sAndRunningGroupsAreCheckedEvery10sUnlessSaidOtherwise() {
    final HaCf defaults = parse("bcast eth1\nnode ha1 ha2\n");
    assertEquals(20_000, defaults.actionTimeoutMs());
    assertEquals(10_000, defaults.monitorIntervalMs());
    final HaCf set =
        parse("bcast eth1\nnode ha1 ha2\nsystole_action_timeout 90\nsystole_monitor_interval 0\n");
    assertEquals(90_000, set.actionTimeoutMs());
    assertEquals(0, set.monitorIntervalMs(), "0: never");
  }

  @Test
  void ucastBindsTheInterfacesFirstAddressUnlessSystoleUcastBindNamesOne() {
    assertEquals("", parse(BASE + "ucast lo 127.0.0.2\n").ucastBind());
    assertEquals(
        "127.0.0.3",
        parse(BASE + "ucast lo 127.0.0.2\nsystole_ucast_bind 127.0.0.3\n").ucastBind());
    assertEquals(
        List.of(
            "ha.cf:6: systole_ucast_bind ha3: 'ha3' is not an IPv4 address; give this node's own"
                + " address on the ucast interface, such as 127.0.0.2"),
        errorsOf(BASE + "ucast lo 127.0.0.2\nsystole_ucast_bind ha3\n"));
  }

  @Test
  void theMetricsEndpointIsOffUnlessSystoleMetricsNamesAnAddressAndAPort() {
    assertFalse(parse(BASE + "bcast eth1\n").metrics().enabled());
    assertEquals(
        new HaCf.Metrics("127.0.0.1", 9464),
        parse(BASE + "bcast eth1\nsystole_metrics 127.0.0.1:9464\n").metrics());
    assertEquals(
        new HaCf.Metrics("::1", 9464),
        parse(BASE + "bcast eth1\nsystole_metrics [::1]:9464\n").metrics());
    assertEquals(
        List.of(
            "ha.cf:6: systole_metrics localhost:9464: 'localhost:9464' is not ADDRESS:PORT with an"
                + " IP address, such as 127.0.0.1:9464 (loopback only), 0.0.0.0:9464 (every"
                + " interface) or [::1]:9464"),
        errorsOf(BASE + "bcast eth1\nsystole_metrics localhost:9464\n"));
    assertEquals(1, errorsOf(BASE + "bcast eth1\nsystole_metrics 9464\n").size());
    assertEquals(
        List.of("ha.cf:6: systole_metrics 127.0.0.1:70000: '70000' is outside 1..65535"),
        errorsOf(BASE + "bcast eth1\nsystole_metrics 127.0.0.1:70000\n"));
  }

  @Test
  void checkpointsAreOffUnlessAKeyIsNamedAndComeEveryThousandEntriesByDefault() {
    final HaCf plain = parse(BASE + "bcast eth1\n");
    assertFalse(plain.checkpoints().enabled());
    assertEquals(1000, plain.checkpoints().every());
    final HaCf signed =
        parse(
            BASE
                + "bcast eth1\nsystole_checkpoint_key keys/ha1.key\nsystole_checkpoint_every 50\n");
    assertEquals(new HaCf.Checkpoints("keys/ha1.key", 50), signed.checkpoints());
    assertEquals(1, errorsOf(BASE + "bcast eth1\nsystole_checkpoint_every 0\n").size());
  }

  @Test
  void fiveSecondsWrittenAs5sIsRefusedWithTheFix() {
    assertEquals(
        List.of(
            "ha.cf:6: deadtime 5s: '5s' is not a time: write seconds (2, 1.5),"
                + " milliseconds (1500ms) or microseconds (1500000us)"),
        errorsOf(BASE + "bcast eth1\ndeadtime 5s\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "on", "yes", "y", "1", "TRUE", "On", "Yes", "Y"})
  void trueSpellings(final String b) {
    assertEquals(
        AutoFailback.ON, parse(BASE + "bcast eth1\nauto_failback " + b + "\n").autoFailback());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "off", "no", "n", "0", "FALSE", "Off", "NO", "N"})
  void falseSpellings(final String b) {
    assertEquals(
        AutoFailback.OFF, parse(BASE + "bcast eth1\nauto_failback " + b + "\n").autoFailback());
  }

  @Test
  void notABoolean() {
    assertEquals(
        List.of(
            "ha.cf:6: realtime maybe: 'maybe' is not a boolean: use yes/no, on/off, true/false,"
                + " y/n or 1/0"),
        errorsOf(BASE + "bcast eth1\nrealtime maybe\n"));
  }

  @Test
  void commasCommentsRepeatsAndCase() {
    final HaCf c =
        parse(
            "# a comment\n\n  KeepAlive 2 # after a value\nkeepalive 1\ndeadtime 10\n"
                + "node ha1,ha2\nnode HA3\nbcast eth1,eth2\nauto_failback on\n");
    assertEquals(1000, c.keepaliveMs(), "a repeated directive overrides");
    assertEquals(List.of("ha1", "ha2", "ha3"), c.nodes(), "commas split; names lower-cased");
    assertEquals(List.of(new Medium.Bcast("eth1", 694), new Medium.Bcast("eth2", 694)), c.media());
  }

  @Test
  void everyTokenOfAScalarIsApplied() {
    assertEquals(2000, parse(BASE + "bcast eth1\nkeepalive 1 2\ndeadtime 10\n").keepaliveMs());
  }

  @Test
  void unknownDirectiveIsAnError() {
    assertEquals(
        List.of(
            "ha.cf:6: unknown directive 'keepalivee' (Heartbeat refuses it too); check the"
                + " spelling against ha.cf(5)"),
        errorsOf(BASE + "bcast eth1\nkeepalivee 2\n"));
  }

  @Test
  void deadtimeMustExceedTwiceKeepalive() {
    assertEquals(
        List.of("ha.cf:7: deadtime 200ms must be more than twice keepalive (100ms)"),
        errorsOf(
            "node ha1\nbcast eth1\nauto_failback on\ninitdead 10\n"
                + "keepalive 100ms\nwarntime 150ms\ndeadtime 200ms\n"));
    parse("node ha1\nbcast eth1\ninitdead 10\nkeepalive 100ms\nwarntime 150ms\ndeadtime 201ms\n");
  }

  @Test
  void initdeadBelowDeadtimeIsAnErrorAndUnder10sAWarning() {
    assertEquals(
        List.of("ha.cf:6: initdead 2s must not be less than deadtime (10s)"),
        errorsOf(BASE + "bcast eth1\ninitdead 2\n"));
    assertTrue(
        warningsOf("keepalive 1\ndeadtime 5\ninitdead 6\nbcast eth1\nnode ha1\nauto_failback on\n")
            .contains(
                "ha.cf:3: initdead 6s is under 10s: at boot, the network may not be up in time,"
                    + " and a peer would be declared dead"));
  }

  @Test
  void warntimeAtOrAboveDeadtimeNeverFires() {
    assertTrue(
        warningsOf(BASE + "bcast eth1\nwarntime 10\n")
            .contains(
                "ha.cf:6: warntime 10s is not below deadtime (10s), so no late heartbeat is ever"
                    + " reported; set it below deadtime"));
  }

  @Test
  void mediaAreRequired() {
    assertEquals(
        List.of("ha.cf: no heartbeat media: add a bcast, mcast, ucast or serial line"),
        errorsOf(BASE));
  }

  @Test
  void theLocalNodeMustBeListed() {
    fx.haresources("");
    assertEquals(
        List.of(
            "ha.cf: this node, 'ha1', is not among the node lines (ha2, ha3); fix the node"
                + " lines, or give the node's name with --node"),
        errorsOf("bcast eth1\nnode ha2 ha3\nauto_failback on\n"));
    assertEquals(
        List.of("ha.cf: no node lines: list every cluster member, e.g. node ha1 ha2"),
        errorsOf("bcast eth1\nauto_failback on\n"));
  }

  @Test
  void mediaTakeThePortAndRateInForceAboveThem() {
    final HaCf c =
        parse(
            BASE
                + "udpport 700\nbcast eth1\nucast eth1 10.0.0.2\nbaud 38400\nserial /dev/ttyS0\n"
                + "mcast eth1 239.1.2.3 800 1 0\nmcast6 eth1 ff02::1:2 801 2 1\n"
                + "ucast6 eth1 fe80::1\nudp eth2\n");
    assertEquals(
        List.of(
            new Medium.Bcast("eth1", 700),
            new Medium.Ucast("eth1", "10.0.0.2", 700, false),
            new Medium.Serial("/dev/ttyS0", 38400),
            new Medium.Mcast("eth1", "239.1.2.3", 800, 1, false, false),
            new Medium.Mcast("eth1", "ff02::1:2", 801, 2, true, true),
            new Medium.Ucast("eth1", "fe80::1", 700, true),
            new Medium.Bcast("eth2", 700)),
        c.media());
  }

  @Test
  void udpportAndBaudAfterTheirMediaAreWarned() {
    final List<String> warnings =
        warningsOf(BASE + "serial /dev/ttyS0\nbaud 38400\nbcast eth1\nudpport 694\n");
    assertTrue(
        warnings.contains(
            "ha.cf:6: baud comes after the serial line 5, which keeps the value before it; as in"
                + " Heartbeat, baud applies only to the serial lines after it: move it above them"),
        warnings::toString);
    assertTrue(
        warnings.contains(
            "ha.cf:8: udpport comes after the bcast/ucast line 7, which already uses this value,"
                + " so it changes nothing here; but as in Heartbeat, udpport applies only to the"
                + " media lines after it: move it above them"),
        warnings::toString);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "mcast eth1 239.1.2.3 694 1|mcast eth1 239.1.2.3 694 1: takes 5 values, not 4",
        "mcast eth1 10.1.2.3 694 1 0|mcast eth1 10.1.2.3 694 1 0: '10.1.2.3' is not an IPv4"
            + " multicast group (224-239.x.x.x); the fields are DEV GROUP PORT TTL LOOP",
        "mcast eth1 239.1.2.3 694 256 0|mcast eth1 239.1.2.3 694 256 0: '256' is outside 0..255",
        "autojoin any|autojoin any: nodes may join on their own only under Pacemaker; in the"
            + " haresources mode every node must be on a node line (Heartbeat refuses this too):"
            + " use autojoin none",
        "hbaping fc0|unknown directive 'hbaping' (Heartbeat refuses it too); check the spelling"
            + " against ha.cf(5)",
        "mcast eth1 239.1.2.3 694 1 2|mcast eth1 239.1.2.3 694 1 2: '2' is outside 0..1",
        "mcast6 eth1 fe80::1 694 1 0|mcast6 eth1 fe80::1 694 1 0: 'fe80::1' is not an IPv6"
            + " multicast group (ff00::/8); the fields are DEV GROUP PORT TTL LOOP",
        "ucast eth1|ucast eth1: takes 2 values, not 1",
        "ucast eth1 10.0.0.300|ucast eth1 10.0.0.300: '10.0.0.300' is not an IPv4 address or"
            + " host name",
        "ucast6 eth1 10.0.0.1|ucast6 eth1 10.0.0.1: '10.0.0.1' is not an IPv6 address",
        "udpport 70000|udpport 70000: '70000' is outside 1..65535",
        "baud 12345|baud 12345: '12345' is not a baud rate (9600..460800)",
        "hopfudge 300|hopfudge 300: '300' is outside 0..255",
        "rtprio 200|rtprio 200: '200' is outside 1..99",
        "compression nosuch|compression nosuch: 'nosuch' is not one of zlib, bz2",
        "msgfmt xml|msgfmt xml: 'xml' is not one of classic, netstring",
        "autojoin some|autojoin some: 'some' is not one of [none, other, any]",
        "uuidfrom mac|uuidfrom mac: 'mac' is not one of file, nodename",
        "hbgenmethod clock|hbgenmethod clock: 'clock' is not one of file, time",
        "logfacility local9|logfacility local9: 'local9' is not a syslog facility (or none)",
        "auto_failback sometimes|auto_failback sometimes: 'sometimes' is not on, off or legacy",
        "env NOEQUALS|env NOEQUALS: 'NOEQUALS' is not NAME=value",
        "stonith baytech|stonith: takes 2 values, not 1",
        "respawn hacluster|respawn hacluster: needs a user and a program: respawn USER /PATH"
            + " [ARGS]",
        "ping_group g1|ping_group g1: takes at least 2 values, not 1",
        "keepalive|keepalive: needs a value",
        "debug 256|debug 256: '256' is outside 0..255",
        "crm maybe|crm maybe: 'maybe' is not a boolean, respawn or manual",
        "systole_detector fast|systole_detector fast: 'fast' is not one of [heartbeat, phi]",
        "systole_phi_threshold 0.5|systole_phi_threshold 0.5: '0.5' is not a number from 1 to 32"
            + " (8 is usual)",
        "systole_phi_threshold x|systole_phi_threshold x: 'x' is not a number from 1 to 32 (8 is"
            + " usual)",
        "systole_phi_floor 5s|systole_phi_floor 5s: '5s' is not a time: write seconds (2, 1.5),"
            + " milliseconds (1500ms) or microseconds (1500000us)",
        "systole_wait_strategy spin|systole_wait_strategy spin: 'spin' is not one of [blocking,"
            + " sleeping, yielding, busyspin]",
        "serial ttyS0|serial ttyS0: 'ttyS0' is not a device path like /dev/ttyS0",
        "systole_action_timeout 0|systole_action_timeout 0: '0' must be more than 0 (at least"
            + " 1ms)",
        "ping_group g1 @x|ping_group g1 @x: '@x' is not an address or host name",
        "max_rexmit_delay 0|max_rexmit_delay 0: '0' is outside 1..2147483647"
      })
  void badValuesNameTheLineAndWhatWasExpected(final String line, final String message) {
    assertEquals(List.of("ha.cf:6: " + message), errorsOf(BASE + "bcast eth1\n" + line + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"crm yes", "crm respawn", "pacemaker on", "pacemaker respawn"})
  void pacemakerModeIsRefusedWithTheReason(final String line) {
    final List<String> errors = errorsOf(BASE + "bcast eth1\n" + line + "\n");
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(
        errors.get(0).contains("Systole runs only Heartbeat's haresources mode"), errors.get(0));
  }

  @Test
  void heartbeatsOtherStartChecks() {
    assertEquals(
        List.of("ha.cf:7: crm no: crm or pacemaker may appear only once; it was set on line 6"),
        errorsOf(BASE + "bcast eth1\ncrm no\ncrm no\n"));
    assertEquals(
        List.of("ha.cf:6: deadping 2s must be more than twice keepalive (1s)"),
        errorsOf(BASE + "bcast eth1\ndeadping 2\n"));
    assertEquals(
        List.of(
            "ha.cf:6: use_logd off with no logfile, debugfile or logfacility leaves this node"
                + " without a log (Heartbeat refuses this too): add a logfile line"),
        errorsOf(BASE + "bcast eth1\nuse_logd off\n"));
    parse(BASE + "bcast eth1\nuse_logd off\nlogfile /var/log/ha-log\n");
  }

  @Test
  void pointlessButHarmlessLinesAreWarned() {
    final List<String> w = warningsOf(BASE + "bcast eth1\nnode\nmcast eth1 239.1.2.3 694 0 0\n");
    assertTrue(
        w.contains("ha.cf:6: this node line names no node (Heartbeat ignores it too)"),
        w::toString);
    assertTrue(
        w.contains(
            "ha.cf:7: mcast with ttl 0 never leaves this host, so no peer hears it (Heartbeat"
                + " accepts it too): use ttl 1 or more"),
        w::toString);
  }

  @Test
  void noProgramIsNotifiedUnlessSystoleNotifyNamesOneWhichHasTenSecondsByDefault() {
    final HaCf plain = parse(BASE + "bcast eth1\n");
    assertFalse(plain.notifications().enabled());
    assertEquals(new HaCf.Notify("", 10_000), plain.notifications());
    final String text = BASE + "bcast eth1\nsystole_notify /usr/lib/notify\n";
    assertEquals(
        List.of("ha.cf:6: /usr/lib/notify is not an executable file on this machine"),
        warningsOf(text));
    assertEquals(
        new HaCf.Notify("/usr/lib/notify", 2500),
        parse(text + "systole_notify_timeout 2500ms\n").notifications());
    assertEquals(1, errorsOf(text + "systole_notify_timeout soon\n").size());
    assertEquals(
        List.of(
            "ha.cf:6: systole_notify notify.sh: 'notify.sh' is not an absolute path; name the"
                + " program as /PATH"),
        errorsOf(BASE + "bcast eth1\nsystole_notify notify.sh\n"));
  }

  @Test
  void programsAndFilesNamedByRespawnAndStonithMustExistOnTheNode() {
    final String text =
        BASE + "bcast eth1\nrespawn hacluster /usr/lib/nothing\nstonith baytech /etc/nothing\n";
    final List<String> expected =
        List.of(
            "ha.cf:6: /usr/lib/nothing is not an executable file on this machine",
            "ha.cf:7: the STONITH configuration file /etc/nothing does not exist on this machine");
    assertTrue(warningsOf(text).containsAll(expected));
    fx.options(fx.options().onNode(true));
    assertEquals(expected, errorsOf(text));
  }

  @Test
  void crmOffIsFine() {
    parse(BASE + "bcast eth1\ncrm no\n");
    parse(BASE + "bcast eth1\npacemaker off\n");
  }

  @Test
  void oldSpellingsMapToTheNewMeaning() {
    final ConfigFixture f =
        fx.haCf("keepalive 1\ndeadtime 10\nnode ha1\nudp eth1\nnice_failback on\n");
    final HaCf c = f.ok().haCf();
    assertEquals(List.of(new Medium.Bcast("eth1", 694)), c.media());
    assertEquals(AutoFailback.OFF, c.autoFailback());
    assertTrue(
        f.warnings()
            .contains(
                "ha.cf:5: nice_failback is obsolete; it means auto_failback off here, as in"
                    + " Heartbeat: write that instead"));
    assertEquals(
        AutoFailback.LEGACY,
        parse("keepalive 1\ndeadtime 10\nnode ha1\nudp eth1\nnice_failback off\n").autoFailback());
  }

  @Test
  void legacyFailbackIsWarned() {
    assertTrue(
        warningsOf("keepalive 1\ndeadtime 10\nnode ha1\nbcast eth1\n")
            .contains(
                "ha.cf: auto_failback is not set, so it is legacy (Heartbeat's default,"
                    + " deprecated): set auto_failback on or off (next to a Heartbeat node a"
                    + " Systole node takes no group in legacy mode: legacy's ip-request exchange"
                    + " is not spoken; on is what legacy does)"));
  }

  @Test
  void everyDirectiveHeartbeatKnowsIsAccepted() {
    final HaCf c =
        parse(
            BASE
                + "udpport 694\nbaud 19200\nbcast eth1\nmcast eth1 239.0.0.1 694 1 0\n"
                + "ucast eth1 10.0.0.2\nserial /dev/ttyS0\nwarntime 5\ninitdead 30\n"
                + "deadping 20\nmax_rexmit_delay 250\nconn_logd_time 60\nautojoin none\n"
                + "uuidfrom nodename\nhbgenmethod time\ncluster linux-ha\nhopfudge 2\n"
                + "ping 10.0.0.254\nping_group routers 10.0.0.253 10.0.0.252\n"
                + "stonith baytech /etc/ha.d/conf/stonith.baytech\n"
                + "stonith_host * baytech 10.0.0.3 mylogin mysecretpassword\n"
                + "respawn hacluster /usr/lib/heartbeat/ipfail\n"
                + "failfast hacluster /usr/lib/heartbeat/ccm\napiauth ipfail gid=haclient\n"
                + "crm off\ncrm_daemon_dir /usr/lib/pacemaker\ncrmd_spawns_pengine yes\n"
                + "record_config_changes on\nrecord_pengine_inputs on\nenable_config_writes on\n"
                + "quorum_server q1\nlogfile /var/log/ha-log\ndebugfile /var/log/ha-debug\n"
                + "logfacility local0\nuse_logd no\ndebug 1\nsyslogmsgfmt true\n"
                + "log_badpack false\ncoredumps true\ncoreroot /var/lib/heartbeat/cores\n"
                + "realtime on\nrtprio 70\nmemreserve 6500\nwatchdog /dev/watchdog\n"
                + "msgfmt netstring\ncompression bz2\ncompression_threshold 2\n"
                + "traditional_compression no\nenv FOO=bar\nuse_apphbd no\n");
    assertEquals(2, c.hopfudge());
    assertEquals(Autojoin.NONE, c.autojoin());
    assertEquals(20000, c.deadpingMs());
    assertEquals(2, c.pingGroups().size());
    assertEquals(List.of("10.0.0.253", "10.0.0.252"), c.pingGroups().get(1).addresses());
    assertEquals(2, c.stonith().size());
    assertEquals("/var/log/ha-log", c.logfile());
    assertEquals("local0", c.logfacility());
    assertEquals("/dev/watchdog", c.watchdog());
    assertEquals(new HaCf.Realtime(true, 70), c.realtime());
    assertEquals(List.of("6500"), c.inactive().get("memreserve"));
    assertTrue(
        !c.stonith().get(1).toString().contains("mysecretpassword"),
        "STONITH parameters may be passwords");
  }

  @Test
  void realtimeIsOnAtPriorityFiftyUnlessSaidOtherwise() {
    assertEquals(new HaCf.Realtime(true, 50), parse(BASE + "bcast eth1\n").realtime());
    assertEquals(
        new HaCf.Realtime(false, 50), parse(BASE + "bcast eth1\nrealtime off\n").realtime());
  }

  @Test
  void directivesSystoleDoesNotActOnAreNamedInAWarning() {
    assertTrue(
        warningsOf(BASE + "bcast eth1\nmemreserve 6500\n")
            .contains(
                "ha.cf:6: memreserve is accepted for compatibility with Heartbeat, but Systole"
                    + " does not act on it"));
  }

  @Test
  void missingDevicesAreWarningsAwayFromTheNodeAndErrorsOnIt() {
    final String text = BASE + "bcast eth9\nserial /dev/ttyS9\nmcast eth8 239.0.0.1 694 1 0\n";
    final List<String> expected =
        List.of(
            "ha.cf:5: interface eth9 does not exist on this machine",
            "ha.cf:6: serial device /dev/ttyS9 does not exist on this machine",
            "ha.cf:7: interface eth8 does not exist on this machine");
    assertTrue(warningsOf(text).containsAll(expected), () -> warningsOf(text).toString());
    fx.options(fx.options().onNode(true));
    assertEquals(expected, errorsOf(text));
  }

  @Test
  void aMissingWatchdogDeviceIsAWarningEvenOnTheNodeAsHeartbeatStartsWithoutIt() {
    final String text = BASE + "bcast eth1\nwatchdog /dev/watchdog9\n";
    final String message =
        "ha.cf:6: the watchdog device /dev/watchdog9 does not exist on this machine, and the"
            + " daemon will not start without it: load a watchdog driver (modprobe softdog) or"
            + " remove the line";
    assertTrue(warningsOf(text).contains(message), () -> warningsOf(text).toString());
    fx.options(fx.options().onNode(true));
    assertEquals(List.of(), errorsOf(text));
    assertTrue(warningsOf(text).contains(message));
    fx.host.withDevice("/dev/watchdog9");
    assertFalse(warningsOf(text).contains(message));
  }

  @Test
  void bcastWithoutABroadcastAddressIsReported() {
    fx.host.withBareInterface("eth3");
    final String message =
        "ha.cf:5: eth3 has no IPv4 broadcast address: bcast would send nowhere and each node"
            + " would take the service; add one (ip addr add ADDR/BITS brd + dev eth3) or use"
            + " ucast";
    assertTrue(warningsOf(BASE + "bcast eth3\n").contains(message));
    fx.options(fx.options().onNode(true));
    assertEquals(List.of(message), errorsOf(BASE + "bcast eth3\n"));
  }
}
