package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Systole accepts exactly the configurations the real Heartbeat 3.0.6 accepts.
 *
 * <p>Each directory under {@code src/test/resources/config/differential} is one case: {@code
 * ha.cf}, {@code haresources}, {@code authkeys} (any may be missing on purpose) and {@code
 * case.properties} with {@code node} (the node to run as), {@code description}, {@code
 * authkeys_mode} (git keeps no file modes), {@code heartbeat} (the verdict Heartbeat gave when the
 * case was recorded) and, for an intentional difference, {@code difference} (why Systole decides
 * the other way). For every case this test
 *
 * <ol>
 *   <li>starts the real Heartbeat on a copy of the case with {@code
 *       src/test/sh/heartbeat-verdict.sh} (network, mount, UTS, IPC and PID namespaces of its own;
 *       about 0.1 s for a refusal, 0.5 s for an acceptance) and checks that it still gives the
 *       recorded verdict;
 *   <li>loads the same copy with {@link ConfigLoader}, away from the node ({@code onNode(false)}:
 *       the namespace's interfaces and devices are not this machine's), with resource scripts
 *       looked up in a directory of stubs;
 *   <li>asserts that Systole accepts exactly when Heartbeat does, or, for a case with {@code
 *       difference}, exactly when Heartbeat does not.
 * </ol>
 *
 * <p>It needs root and the Debian package {@code heartbeat}; {@code ./run-tests} installs it and
 * must run as root. Without them the test fails: it is never skipped. {@code
 * src/test/resources/config/differential/README.md} says what Heartbeat checks at start.
 */
class HeartbeatDifferentialIT {
  private static final Path HEARTBEAT = Path.of("/usr/libexec/heartbeat/heartbeat");
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
  private static final Path CORPUS = BASEDIR.resolve("src/test/resources/config/differential");
  private static final Path VERDICT_SCRIPT = BASEDIR.resolve("src/test/sh/heartbeat-verdict.sh");

  /** Scripts the corpus names in haresources; nosuchscript is left out on purpose. */
  private static final List<String> STUB_SCRIPTS =
      List.of("IPaddr", "IPaddr2", "Filesystem", "httpd", "apache2");

  private static final String ACCEPT = "ACCEPT";
  private static final String REFUSE = "REFUSE";
  private static final long RUN_TIMEOUT_SECONDS = 60;

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> systoleAcceptsExactlyWhatHeartbeatAccepts() throws IOException {
    requireHeartbeatAndRoot();
    final Path resourceD = stubScripts(tmp.resolve("resource.d"));
    final Path initD = Files.createDirectories(tmp.resolve("init.d"));
    final List<Path> cases;
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 40, "the corpus has only " + cases.size() + " cases");
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> check(dir, resourceD, initD)));
  }

  private static void check(final Path caseDir, final Path resourceD, final Path initD)
      throws IOException, InterruptedException {
    final String name = caseDir.getFileName().toString();
    final Properties props = properties(caseDir.resolve("case.properties"));
    final String node = required(props, "node", name);
    final String recorded = required(props, "heartbeat", name);
    final String difference = props.getProperty("difference");
    final Path copy = copyCase(caseDir, tmp.resolve("cases").resolve(name), props);

    final Run run = runHeartbeat(copy, node);
    assertEquals(
        recorded,
        run.verdict,
        name
            + ": Heartbeat's verdict is not the one recorded in case.properties (re-record with"
            + " src/test/sh/record-heartbeat-verdicts.sh if Heartbeat changed)\n"
            + run.log);

    final ConfigResult result =
        ConfigLoader.load(
            copy,
            ConfigLoader.Options.forNode(node).withResourceDirs(resourceD, initD).onNode(false));
    final boolean heartbeatAccepts = ACCEPT.equals(run.verdict);
    final String systole =
        (result.ok() ? "Systole accepts" : "Systole refuses")
            + describe("errors", result.errors())
            + describe("warnings", result.warnings());
    if (difference == null) {
      assertEquals(
          heartbeatAccepts,
          result.ok(),
          name
              + " ("
              + props.getProperty("description", "")
              + "): Heartbeat "
              + run.verdict
              + "S, "
              + systole
              + "\nHeartbeat said:\n"
              + run.log);
    } else {
      assertEquals(
          !heartbeatAccepts,
          result.ok(),
          name
              + ": listed as an intentional difference ("
              + difference
              + ") but Systole decides as Heartbeat ("
              + run.verdict
              + "): "
              + systole);
      System.out.printf(
          "%s: intentional difference: Heartbeat %sS, Systole %s: %s%n",
          name, run.verdict, result.ok() ? "accepts" : "refuses", difference);
    }
  }

  private static String describe(final String what, final List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return "";
    }
    return "\n  "
        + what
        + ":\n"
        + diagnostics.stream().map(d -> "    " + d).collect(Collectors.joining("\n"));
  }

  private static void requireHeartbeatAndRoot() throws IOException {
    if (!Files.isExecutable(HEARTBEAT)) {
      fail(
          HEARTBEAT
              + " is missing: the differential test runs the real Heartbeat 3.0.6. Run ./run-tests"
              + " as root: it installs the Debian package heartbeat");
    }
    final Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      fail(
          "the differential test runs Heartbeat in network, mount and PID namespaces and needs"
              + " root (uid "
              + uid
              + " here). Run ./run-tests as root");
    }
  }

  private static Path stubScripts(final Path dir) throws IOException {
    Files.createDirectories(dir);
    for (final String script : STUB_SCRIPTS) {
      final Path stub = dir.resolve(script);
      Files.writeString(stub, "#!/bin/sh\nexit 0\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  /** Copies the case's files (those it has) and gives authkeys the mode the case asks for. */
  private static Path copyCase(final Path from, final Path to, final Properties props)
      throws IOException {
    Files.createDirectories(to);
    // Heartbeat's own sample files are read from the installed package, never kept here (GPL).
    final String pkg = props.getProperty("from_package");
    final Path source = pkg == null ? from : Path.of(pkg.trim());
    for (final String file : List.of("ha.cf", "haresources", "authkeys")) {
      final Path target = to.resolve(file);
      Files.deleteIfExists(target);
      final Path plain = source.resolve(file);
      final Path gzipped = source.resolve(file + ".gz");
      if (Files.exists(plain)) {
        Files.copy(plain, target);
      } else if (pkg != null && Files.exists(gzipped)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
          Files.copy(in, target);
        }
      }
    }
    Files.copy(
        from.resolve("case.properties"),
        to.resolve("case.properties"),
        StandardCopyOption.REPLACE_EXISTING);
    final String mode = props.getProperty("authkeys_mode");
    final Path authkeys = to.resolve("authkeys");
    if (mode != null && Files.exists(authkeys)) {
      Files.setPosixFilePermissions(authkeys, permissions(Integer.parseInt(mode.trim(), 8)));
    }
    return to;
  }

  private static Set<PosixFilePermission> permissions(final int mode) {
    final Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    final PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        perms.add(bits[i]);
      }
    }
    return perms;
  }

  private record Run(String verdict, String log) {}

  private static Run runHeartbeat(final Path caseDir, final String node)
      throws IOException, InterruptedException {
    final Process p =
        new ProcessBuilder("bash", VERDICT_SCRIPT.toString(), caseDir.toString(), node).start();
    final CompletableFuture<String> out = drain(p.getInputStream());
    final CompletableFuture<String> err = drain(p.getErrorStream());
    if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroy(); // SIGTERM: the script's trap removes its namespace and files
      p.waitFor(10, TimeUnit.SECONDS);
      fail("heartbeat-verdict.sh took more than " + RUN_TIMEOUT_SECONDS + " s\n" + err.join());
    }
    final String stdout = out.join().trim();
    final String log = relevant(err.join());
    if (p.exitValue() != 0 || !(ACCEPT.equals(stdout) || REFUSE.equals(stdout))) {
      fail(
          "heartbeat-verdict.sh failed (exit "
              + p.exitValue()
              + ", stdout "
              + stdout
              + ")\n"
              + log);
    }
    return new Run(stdout, log);
  }

  /** Heartbeat's errors and warnings and the verdict line, without the boilerplate. */
  private static String relevant(final String stderr) {
    final List<String> lines = new ArrayList<>();
    for (final String line : stderr.split("\n", -1)) {
      if ((line.contains("ERROR") || line.contains("WARN") || line.startsWith("heartbeat-verdict"))
          && !line.contains("core_pattern")
          && !line.contains("core_uses_pid")
          && !line.contains("Core dumps could be lost")
          && !line.contains("Cannot lock ourselves into memory")) {
        lines.add("  " + line);
      }
    }
    return String.join("\n", lines);
  }

  private static CompletableFuture<String> drain(final InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Properties properties(final Path file) throws IOException {
    final Properties props = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    }
    return props;
  }

  private static String required(final Properties props, final String key, final String name) {
    final String value = props.getProperty(key);
    if (value == null || value.isBlank()) {
      fail(name + "/case.properties has no " + key + "=");
    }
    return value.trim();
  }
}
