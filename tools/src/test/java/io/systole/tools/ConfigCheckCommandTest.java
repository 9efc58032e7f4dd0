package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HostFacts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systole config check} on the seed cluster and on broken copies of it, on a described
 * machine (no eth1, no /dev/ttyS0) so that the results do not depend on the one running the test.
 */
class ConfigCheckCommandTest {
  private static final String NODE = "ha1.bogus.sh.cn";
  private static final String SECRET = "Zq9-distinctive-Secret";

  @TempDir Path tmp;

  private Path dir;
  private Path scripts;

  /** The seed cluster in a directory of its own, authkeys 600, and stub scripts elsewhere. */
  @BeforeEach
  void seed() throws IOException, URISyntaxException {
    final Path seed =
        Path.of(Objects.requireNonNull(getClass().getResource("/config/seed/ha.cf")).toURI())
            .getParent();
    dir = Files.createDirectory(tmp.resolve("ha.d"));
    for (final String file : List.of("ha.cf", "haresources", "authkeys")) {
      Files.copy(seed.resolve(file), dir.resolve(file));
    }
    Files.setPosixFilePermissions(
        dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    scripts = Files.createDirectory(tmp.resolve("scripts"));
    for (final String script : List.of("IPaddr", "httpd")) {
      Files.writeString(scripts.resolve(script), "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(
          scripts.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void seedPrintsTheEffectiveConfigurationAndExits0WithWarnings() {
    final Systole.Result r = check(0);
    final List<String> lines = r.lines();
    assertTrue(lines.get(0).startsWith("configuration  " + dir + "  (sha256 "), r::toString);
    assertTrue(
        lines.contains("node           ha1.bogus.sh.cn (this node), ha2.bogus.sh.cn"), r::toString);
    assertTrue(
        lines.contains(
            "timings        keepalive 1s, deadtime 5s, warntime 2500ms, initdead 30s, deadping 5s"),
        r::toString);
    assertTrue(
        lines.contains("media          serial /dev/ttyS0 baud 19200; bcast eth1 port 694"),
        r::toString);
    assertTrue(lines.contains("auto_failback  legacy"), r::toString);
    assertTrue(
        lines.contains("resources      ha1.bogus.sh.cn: IPaddr::192.168.2.3 httpd"), r::toString);
    assertTrue(lines.contains("auth           key 1, sha1"), r::toString);
    assertFalse(lines.contains("errors"), r::toString);
    final List<String> warnings = section(lines, "warnings");
    assertTrue(
        warnings.contains("ha.cf:3: serial device /dev/ttyS0 does not exist on this machine"),
        r::toString);
    assertTrue(
        warnings.contains("ha.cf:8: interface eth1 does not exist on this machine"), r::toString);
    assertTrue(
        warnings.stream().anyMatch(w -> w.startsWith("ha.cf:9: udpport comes after")), r::toString);
    assertFalse(r.out().contains("cannot find the script"), "the stubs are found: " + r);
    assertEquals("", r.err());
  }

  @Test
  void strictExits1OnWarningsAndSaysWhy() {
    final Systole.Result r = check(1, "--strict");
    assertTrue(r.out().contains("auth           key 1, sha1"), r::toString);
    assertTrue(
        r.err().strip().matches("systole config check: 0 errors, \\d+ warnings \\(--strict\\)"),
        r::toString);
  }

  @Test
  void cleanConfigurationExits0EvenWhenStrict() throws IOException {
    Files.writeString(
        dir.resolve("ha.cf"),
        "udpport 694\nbaud 19200\nserial /dev/ttyS0\nbcast eth1\nnode ha1.bogus.sh.cn"
            + " ha2.bogus.sh.cn\nkeepalive 1500ms\ndeadtime 10\ninitdead 30\nauto_failback off\n"
            + "systole_metrics 127.0.0.1:9464\n");
    final Systole.Result r =
        Systole.run(
            c -> describe(c, new Machine(Set.of("eth1"), Set.of(Path.of("/dev/ttyS0")))),
            args("--strict"));
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().contains("keepalive 1500ms, deadtime 10s, warntime 5s"), r::toString);
    assertTrue(r.lines().contains("auto_failback  off"), r::toString);
    assertTrue(r.lines().contains("metrics        127.0.0.1:9464 (GET /metrics)"), r::toString);
    assertFalse(r.out().contains("warnings"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void brokenConfigurationExits2AndListsEveryErrorAsFileLineMessage() throws IOException {
    Files.writeString(
        dir.resolve("ha.cf"),
        String.join(
            "\n",
            "node ha1.bogus.sh.cn ha2.bogus.sh.cn",
            "keepalive 2",
            "deadtime 3",
            "baud 1234",
            "frobnicate yes",
            "warntime 5s",
            "bcast eth1",
            "auto_failback off",
            ""));
    Files.writeString(dir.resolve("haresources"), "ha3.bogus.sh.cn 192.168.2.3 httpd\n");
    final Systole.Result r = check(2);
    final List<String> errors = section(r.lines(), "errors");
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith("ha.cf:3: deadtime 3s must be more")),
        r::toString);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("ha.cf:4: baud 1234: ")), r::toString);
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith("ha.cf:5: unknown directive 'frobnicate'")),
        r::toString);
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith("ha.cf:6: warntime 5s: '5s' is not a time")),
        r::toString);
    assertTrue(
        errors.stream()
            .anyMatch(e -> e.startsWith("haresources:1: preferred node 'ha3.bogus.sh.cn'")),
        r::toString);
    assertEquals(5, errors.size(), r::toString);
    assertFalse(r.out().contains("configuration  "), "no configuration with errors: " + r);
    assertFalse(r.out().contains("timings"), r::toString);
    final int warnings = section(r.lines(), "warnings").size();
    final List<String> err = r.err().lines().toList();
    assertEquals(
        "systole config check: 5 errors, " + warnings + (warnings == 1 ? " warning" : " warnings"),
        err.get(err.size() - 1),
        r::toString);
  }

  @Test
  void controlCharactersFromTheFilesNeverReachTheTerminal() throws IOException {
    Files.writeString(
        dir.resolve("ha.cf"), Files.readString(dir.resolve("ha.cf")) + "\u001b[2Jclear yes\n");
    final Systole.Result r = check(2);
    assertTrue(
        section(r.lines(), "errors")
            .contains(
                "ha.cf:10: unknown directive '\\u001b[2jclear'"
                    + " (Heartbeat refuses it too); check the spelling against ha.cf(5)"),
        r::toString);
    assertFalse(r.out().contains("\u001b"), r::toString);
    final Object json = Json.parse(check(2, "--json").out());
    assertTrue(((String) Json.at(json, "errors", 0, "message")).contains("'\u001b[2jclear'"));
  }

  @Test
  void jsonHoldsTheSameFacts() {
    final Systole.Result r = check(0, "--json");
    final Object doc = Json.parse(r.out());
    assertEquals(true, Json.at(doc, "ok"));
    assertEquals(dir.toString(), Json.at(doc, "directory"));
    assertEquals(NODE, Json.at(doc, "node"));
    assertEquals("", Json.at(doc, "metrics"));
    assertTrue(((String) Json.at(doc, "sha256")).matches("[0-9a-f]{64}"), r::toString);
    assertEquals(
        Map.of(
            "keepalive",
            1000L,
            "deadtime",
            5000L,
            "warntime",
            2500L,
            "initdead",
            30000L,
            "deadping",
            5000L),
        Json.at(doc, "timingsMs"));
    assertEquals(List.of(NODE, "ha2.bogus.sh.cn"), Json.at(doc, "nodes"));
    assertEquals("serial", Json.at(doc, "media", 0, "type"));
    assertEquals("/dev/ttyS0", Json.at(doc, "media", 0, "device"));
    assertEquals(19200L, Json.at(doc, "media", 0, "baud"));
    assertEquals("bcast", Json.at(doc, "media", 1, "type"));
    assertEquals("eth1", Json.at(doc, "media", 1, "device"));
    assertEquals(694L, Json.at(doc, "media", 1, "port"));
    assertEquals("legacy", Json.at(doc, "autoFailback"));
    assertEquals(NODE, Json.at(doc, "resourceGroups", 0, "preferredNode"));
    assertEquals("IPaddr::192.168.2.3", Json.at(doc, "resourceGroups", 0, "resources", 0, "text"));
    assertEquals(List.of("192.168.2.3"), Json.at(doc, "resourceGroups", 0, "resources", 0, "args"));
    assertEquals(
        scripts.resolve("httpd").toString(),
        Json.at(doc, "resourceGroups", 0, "resources", 1, "script"));
    assertEquals(Map.of("index", 1L, "method", "sha1"), Json.at(doc, "auth"));
    assertEquals(Map.of(), Json.at(doc, "inactive"));
    assertEquals(List.of(), Json.at(doc, "errors"));
    final List<?> warnings = (List<?>) Json.at(doc, "warnings");
    assertTrue(
        warnings.contains(
            Map.of(
                "file",
                "ha.cf",
                "line",
                8L,
                "message",
                "interface eth1 does not exist on this machine")),
        r::toString);
  }

  @Test
  void jsonWithErrorsHasTheErrorsAndNoConfiguration() throws IOException {
    Files.writeString(
        dir.resolve("ha.cf"), "node ha1.bogus.sh.cn\nbcast eth1\nkeepalive \"fast\"\n");
    final Systole.Result r = check(2, "--json");
    final Object doc = Json.parse(r.out());
    assertEquals(false, Json.at(doc, "ok"));
    assertEquals(null, Json.at(doc, "timingsMs"));
    assertEquals("ha.cf", Json.at(doc, "errors", 0, "file"));
    assertEquals(3L, Json.at(doc, "errors", 0, "line"));
    assertTrue(
        ((String) Json.at(doc, "errors", 0, "message")).contains("'\"fast\"' is not a time"),
        r::toString);
    assertTrue(r.err().startsWith("systole config check: 1 error, "), r::toString);
  }

  @Test
  void aNodeNotInTheNodeLinesIsAnErrorThatListsTheNames() {
    final Systole.Result r =
        bare("--node", "HA3.bogus.sh.cn", "--resource-dir", scripts.toString(), dir.toString());
    assertEquals(2, r.status(), r::toString);
    final List<String> errors = section(r.lines(), "errors");
    assertEquals(1, errors.size(), r::toString);
    assertTrue(errors.get(0).contains("'ha3.bogus.sh.cn'"), r::toString);
    assertTrue(errors.get(0).contains("ha1.bogus.sh.cn, ha2.bogus.sh.cn"), r::toString);
  }

  @Test
  void withoutNodeItChecksAsThisHost() {
    final Systole.Result r = bare("--resource-dir", scripts.toString(), dir.toString());
    assertEquals(2, r.status(), r::toString);
    assertTrue(
        r.out().contains("this node, 'bare-machine', is not among the node lines"), r::toString);
  }

  @Test
  void authkeysReadableByOthersIsAnErrorThatSaysChmod600() throws IOException {
    Files.setPosixFilePermissions(
        dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-r--r--"));
    final Systole.Result r = check(2);
    final List<String> errors = section(r.lines(), "errors");
    assertEquals(1, errors.size(), r::toString);
    assertTrue(errors.get(0).startsWith("authkeys: "), r::toString);
    assertTrue(errors.get(0).contains("chmod 600 " + dir.resolve("authkeys")), r::toString);
  }

  @Test
  void onNodeAMissingInterfaceOrDeviceIsAnError() {
    final Systole.Result r = check(2, "--on-node");
    final List<String> errors = section(r.lines(), "errors");
    assertTrue(
        errors.contains("ha.cf:3: serial device /dev/ttyS0 does not exist on this machine"),
        r::toString);
    assertTrue(
        errors.contains("ha.cf:8: interface eth1 does not exist on this machine"), r::toString);
  }

  @Test
  void scriptsAreLookedUpInTheResourceDirThenTheInitDir() throws IOException {
    final Path empty = Files.createDirectory(tmp.resolve("empty"));
    final Systole.Result missing =
        bare("--node", NODE, "--init-dir", empty.toString(), dir.toString());
    assertEquals(0, missing.status(), missing::toString);
    assertTrue(
        section(missing.lines(), "warnings").stream()
            .anyMatch(
                w ->
                    w.startsWith(
                        "haresources:1: cannot find the script for httpd in ["
                            + dir.resolve("resource.d")
                            + ", "
                            + empty
                            + "]")),
        missing::toString);

    final Systole.Result init =
        bare("--node", NODE, "--init-dir", scripts.toString(), "-v", dir.toString());
    assertEquals(0, init.status(), init::toString);
    assertFalse(init.out().contains("cannot find the script"), init::toString);
    // IPaddr runs as resource-agents' IPaddr2 where that is installed (CI installs it), else as
    // the script.
    final Path ocf = Path.of("/usr/lib/ocf/resource.d/heartbeat/IPaddr2");
    assertTrue(
        init.lines()
            .contains(
                "scripts        IPaddr "
                    + (Files.isExecutable(ocf) ? ocf : scripts.resolve("IPaddr"))
                    + "; httpd "
                    + scripts.resolve("httpd")),
        init::toString);
  }

  @Test
  void theSecretIsNeverPrinted() throws IOException {
    writeAuthkeys("auth 2\n1 md5 other-" + SECRET + "\n2 sha1 " + SECRET + "\n");
    final List<Systole.Result> runs = new ArrayList<>();
    for (final List<String> options :
        List.of(List.<String>of(), List.of("-v"), List.of("--json"), List.of("--json", "-v"))) {
      final Systole.Result r = check(0, options.toArray(String[]::new));
      assertTrue(
          r.out().contains("key 2, sha1") || r.out().contains("\"method\": \"sha1\""), r::toString);
      runs.add(r);
    }
    // With errors, in ha.cf and in authkeys lines that quote what stands where a method or index is
    // due.
    Files.writeString(dir.resolve("ha.cf"), "node ha1.bogus.sh.cn\nkeepalive x\n");
    writeAuthkeys(
        "auth 1\n1 " + SECRET + "\n" + SECRET + "\n2 md5 " + SECRET + " trailing words\n");
    for (final List<String> options :
        List.of(List.<String>of(), List.of("-v"), List.of("--json", "-v"))) {
      final Systole.Result r = check(2, options.toArray(String[]::new));
      assertTrue(r.out().contains("key 1: unknown method (not shown"), r::toString);
      runs.add(r);
    }
    for (final Systole.Result r : runs) {
      assertFalse(r.out().contains(SECRET), r::toString);
      assertFalse(r.err().contains(SECRET), r::toString);
    }
  }

  @Test
  void aDirectoryThatDoesNotExistIsAUsageError() {
    final Systole.Result r = Systole.run("config", "check", tmp.resolve("nope").toString());
    assertEquals(2, r.status(), r::toString);
    assertEquals("", r.out());
    assertEquals(
        "systole config check: "
            + tmp.resolve("nope")
            + " is not a directory; give the"
            + " configuration directory, such as /etc/ha.d",
        r.err().strip());
  }

  @Test
  void theDirectoryDefaultsToEtcHaD() {
    final Systole.Result r = Systole.run("config", "check", "--help");
    assertEquals(0, r.status(), r::toString);
    final String usage = r.out().replaceAll("\\s+", " ");
    assertTrue(usage.contains("[DIR] The configuration directory (default: /etc/ha.d)"), usage);
    assertTrue(usage.contains("(default: /etc/init.d)"), usage);
  }

  /** Runs {@code systole config check ARGS...} on a bare machine. */
  private static Systole.Result bare(final String... args) {
    final String[] all = new String[args.length + 2];
    all[0] = "config";
    all[1] = "check";
    System.arraycopy(args, 0, all, 2, args.length);
    return Systole.run(c -> describe(c, Machine.BARE), all);
  }

  /**
   * Runs {@code config check} on the seed as {@link #NODE} with the stub scripts, on a bare
   * machine.
   */
  private Systole.Result check(final int status, final String... options) {
    final Systole.Result r = Systole.run(c -> describe(c, Machine.BARE), args(options));
    assertEquals(status, r.status(), r::toString);
    return r;
  }

  private String[] args(final String... options) {
    final List<String> args =
        new ArrayList<>(
            List.of("config", "check", "--node", NODE, "--resource-dir", scripts.toString()));
    args.addAll(List.of(options));
    args.add(dir.toString());
    return args.toArray(String[]::new);
  }

  private void writeAuthkeys(final String text) throws IOException {
    Files.writeString(dir.resolve("authkeys"), text);
  }

  /** The lines of a section ("errors", "warnings"): the indented lines under its title. */
  private static List<String> section(final List<String> lines, final String title) {
    final int start = lines.indexOf(title);
    final List<String> section = new ArrayList<>();
    if (start < 0) {
      return section;
    }
    for (final String line : lines.subList(start + 1, lines.size())) {
      if (!line.startsWith("  ")) {
        break;
      }
      section.add(line.substring(2));
    }
    return section;
  }

  private static void describe(final picocli.CommandLine systole, final HostFacts machine) {
    final ConfigCheckCommand check =
        systole.getSubcommands().get("config").getSubcommands().get("check").getCommand();
    check.facts = machine;
  }

  /** A machine with these interfaces (each with a broadcast address) and devices; real files. */
  private record Machine(Set<String> interfaces, Set<Path> devices) implements HostFacts {
    static final Machine BARE = new Machine(Set.of(), Set.of());

    @Override
    public String nodeName() {
      return "bare-machine";
    }

    @Override
    public boolean hasInterface(final String name) {
      return interfaces.contains(name);
    }

    @Override
    public boolean hasBroadcast(final String name) {
      return interfaces.contains(name);
    }

    @Override
    public boolean exists(final Path path) {
      return devices.contains(path);
    }

    @Override
    public boolean isExecutable(final Path path) {
      return HostFacts.LOCAL.isExecutable(path);
    }
  }
}
