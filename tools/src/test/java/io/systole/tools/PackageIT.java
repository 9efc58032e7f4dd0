package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as an admin gets it: unpacked with tar outside the checkout, its launcher
 * runs the command from the jar next to it on a PATH that has Java and no Maven (so it cannot have
 * built anything), checks the example configuration, and names the Debian package when Java 17 is
 * missing; the systemd unit carries the lines the daemon relies on.
 */
class PackageIT {
  private static final String VERSION = System.getProperty("systole.version", "");
  private static final Path TARBALL =
      Path.of(System.getProperty("systole.tarball", "target/systole-" + VERSION + ".tar.gz"))
          .toAbsolutePath()
          .normalize();
  private static final Path CHECKOUT_LAUNCHER =
      Path.of(System.getProperty("systole.launcher", "../systole")).toAbsolutePath().normalize();
  private static final String TOP = "systole-" + VERSION;

  @TempDir static Path unpacked;
  private static Path release;

  @TempDir Path tmp;

  /** Links into the system, removed before JUnit cleans {@link #tmp}. */
  private final List<Path> links = new ArrayList<>();

  @BeforeAll
  static void unpack() throws Exception {
    assertFalse(VERSION.isEmpty(), "systole.version is not set (failsafe sets it)");
    assertTrue(Files.isRegularFile(TARBALL), TARBALL + " is missing: mvn package writes it");
    final Result tar =
        run(unpacked, List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()), null);
    assertEquals(0, tar.status, tar.stderr);
    release = unpacked.resolve(TOP);
  }

  @AfterEach
  void removeLinks() throws IOException {
    for (final Path link : links) {
      Files.deleteIfExists(link);
    }
  }

  @Test
  void holdsTheLauncherTheJarTheArgfileTheUnitAndAnExampleConfigurationUnderOneTopDirectory()
      throws Exception {
    final Result list = run(tmp, List.of("tar", "-tzf", TARBALL.toString()), null);
    assertEquals(0, list.status, list.stderr);
    final Set<String> files =
        list.stdout
            .lines()
            .filter(entry -> !entry.endsWith("/"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                TOP + "/README.md",
                TOP + "/bin/systole",
                TOP + "/examples/ha.d/authkeys",
                TOP + "/examples/ha.d/ha.cf",
                TOP + "/examples/ha.d/haresources",
                TOP + "/lib/jvm.args",
                TOP + "/lib/systole.jar",
                TOP + "/systole.service")),
        files);
    assertTrue(list.stdout.lines().allMatch(entry -> entry.startsWith(TOP + "/")), list.stdout);

    assertTrue(Files.isExecutable(release.resolve("bin/systole")));
    assertArrayEquals(
        Files.readAllBytes(CHECKOUT_LAUNCHER),
        Files.readAllBytes(release.resolve("bin/systole")),
        "the release carries the checkout's launcher, unchanged");
    assertTrue(Files.readString(release.resolve("lib/jvm.args")).contains("--add-opens="));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(release.resolve("examples/ha.d/authkeys"))),
        "authkeys readable by others is refused");
  }

  @Test
  void theLauncherRunsTheJarNextToItFromAnotherDirectoryWithoutMaven() throws Exception {
    final Path bin = path(true);
    final Result r =
        run(cwd(), List.of(release.resolve("bin/systole").toString(), "--version"), bin.toString());
    assertEquals(0, r.status, r.stderr);
    assertEquals("systole " + VERSION, r.stdout.lines().findFirst().orElse(""), r.stdout);
    assertEquals("", r.stderr);
  }

  @Test
  void theExampleConfigurationPassesConfigCheckThroughASymlinkedLauncher() throws Exception {
    final Path bin = path(true);
    final Path sbin = Files.createDirectories(tmp.resolve("sbin"));
    final Path systole = link(sbin.resolve("systole"), release.resolve("bin/systole"));
    final Result r =
        run(
            cwd(),
            List.of(
                systole.toString(),
                "config",
                "check",
                "--node",
                "ha1.bogus.sh.cn",
                release.resolve("examples/ha.d").toString()),
            bin.toString());
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("ha1.bogus.sh.cn (this node)"), r.stdout);
    assertTrue(r.stdout.contains("IPaddr::192.168.2.3 httpd"), r.stdout);
  }

  @Test
  void missingJavaIsNamedWithItsDebianPackage() throws Exception {
    final Result r =
        run(
            cwd(),
            List.of(release.resolve("bin/systole").toString(), "--version"),
            path(false).toString());
    assertEquals(127, r.status, r.stderr);
    assertTrue(r.stderr.contains("'java' was not found"), r.stderr);
    assertTrue(r.stderr.contains("apt-get install openjdk-17-jre-headless"), r.stderr);
  }

  @Test
  void aJavaOlderThan17IsRefusedBeforeItRuns() throws Exception {
    final Path jdk = Files.createDirectories(tmp.resolve("jdk-11/bin"));
    Files.writeString(jdk.resolve("../release"), "JAVA_VERSION=\"11.0.22\"\nOS_NAME=\"Linux\"\n");
    Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho java 11 ran\nexit 99\n");
    Files.setPosixFilePermissions(
        jdk.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    final Path bin = path(false);
    final Result r =
        run(
            cwd(),
            List.of(release.resolve("bin/systole").toString(), "--version"),
            jdk + ":" + bin);
    assertEquals(127, r.status, r.stdout + r.stderr);
    assertTrue(r.stderr.contains("needs Java 17 or later"), r.stderr);
    assertTrue(r.stderr.contains("is Java 11.0.22"), r.stderr);
    assertTrue(r.stderr.contains("apt-get install openjdk-17-jre-headless"), r.stderr);
    assertEquals("", r.stdout);
  }

  @Test
  void aCopiedLauncherSaysWhereItLooked() throws Exception {
    final Path copy = Files.copy(release.resolve("bin/systole"), tmp.resolve("systole"));
    final Result r = run(cwd(), List.of(copy.toString(), "--version"), path(true).toString());
    assertEquals(1, r.status, r.stderr);
    assertTrue(r.stderr.contains("lib/systole.jar"), r.stderr);
    assertTrue(r.stderr.contains("link to it rather than copy it"), r.stderr);
  }

  @Test
  void theUnitRunsTheDaemonFromOptAndGivesItTheDirectoriesItsDefaultsName() throws Exception {
    final List<String> unit = Files.readAllLines(release.resolve("systole.service"));
    for (final String line :
        List.of(
            "[Unit]",
            "Wants=network-online.target",
            "After=network-online.target",
            "[Service]",
            "Type=simple",
            "ExecStart=/opt/systole/bin/systole daemon -c /etc/ha.d",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "KillSignal=SIGTERM",
            "KillMode=mixed",
            "SuccessExitStatus=143",
            "Restart=on-failure",
            "RestartPreventExitStatus=2",
            "RuntimeDirectory=systole",
            "RuntimeDirectoryMode=0700",
            "StateDirectory=systole",
            "#CPUSchedulingPolicy=rr",
            "#LimitMEMLOCK=infinity",
            "[Install]",
            "WantedBy=multi-user.target")) {
      assertTrue(unit.contains(line), "systole.service lacks the line " + line);
    }
    final Matcher stop =
        Pattern.compile("(?m)^TimeoutStopSec=(\\d+)min$").matcher(String.join("\n", unit) + "\n");
    assertTrue(stop.find(), "TimeoutStopSec in minutes");
    assertTrue(
        Duration.ofMinutes(Long.parseLong(stop.group(1))).compareTo(Duration.ofMinutes(5)) >= 0,
        "resource groups need minutes to stop");

    final Result help =
        run(
            cwd(),
            List.of(release.resolve("bin/systole").toString(), "daemon", "--help"),
            path(true).toString());
    assertEquals(0, help.status, help.stderr);
    assertTrue(help.stdout.contains("/run/systole/systole.sock"), help.stdout);
    assertTrue(help.stdout.contains("/var/lib/systole"), help.stdout);
    assertTrue(help.stdout.contains("/etc/ha.d"), help.stdout);
  }

  /** A working directory outside the checkout and the release. */
  private Path cwd() throws IOException {
    return Files.createDirectories(tmp.resolve("elsewhere"));
  }

  /** A PATH directory with bash and what the launcher calls, and java when asked: no Maven. */
  private Path path(final boolean withJava) throws IOException {
    final Path bin = Files.createDirectories(tmp.resolve(withJava ? "bin-java" : "bin"));
    for (final String tool : List.of("bash", "readlink", "dirname")) {
      if (!Files.exists(bin.resolve(tool), LinkOption.NOFOLLOW_LINKS)) {
        link(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
      }
    }
    if (withJava && !Files.exists(bin.resolve("java"))) {
      link(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }
    return bin;
  }

  private Path link(final Path link, final Path target) throws IOException {
    links.add(Files.createSymbolicLink(link, target));
    return link;
  }

  private record Result(int status, String stdout, String stderr) {}

  private static Result run(final Path cwd, final List<String> command, final String path)
      throws Exception {
    final ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().remove("SYSTOLE_REBUILD");
    if (path != null) {
      pb.environment().put("PATH", path);
    }
    final Path err = Files.createTempFile(cwd, "stderr", ".txt");
    final Process p = pb.redirectError(err.toFile()).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not finish: " + command);
    final String stderr = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), out, stderr);
  }
}
