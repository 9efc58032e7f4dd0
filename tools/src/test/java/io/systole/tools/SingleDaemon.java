package io.systole.tools;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The rig of the integration tests that run one real daemon, ha1, on loopback through the {@code
 * ./systole} launcher: its configuration directory with a fresh UDP port, its start with SIGHUP as
 * the test says, and its logs for a failed assertion. Everything lives under one directory.
 */
final class SingleDaemon {
  /** The daemon's keepalive. */
  static final long KEEPALIVE_MS = 200;

  private final Path dir;

  SingleDaemon(final Path dir) {
    this.dir = dir;
  }

  /** Writes ha.cf (with {@code extra} lines before the node line), haresources and authkeys. */
  Path configure(final String... extra) throws IOException {
    final Path etc = Files.createDirectories(dir.resolve("etc"));
    final int port;
    try (DatagramSocket s = new DatagramSocket(0)) {
      port = s.getLocalPort();
    }
    final List<String> lines =
        new ArrayList<>(
            List.of(
                "keepalive " + KEEPALIVE_MS + "ms",
                "deadtime 1",
                "initdead 2",
                "udpport " + port,
                "ucast lo 127.0.0.1",
                "realtime off"));
    lines.addAll(List.of(extra));
    lines.add("node ha1");
    lines.add("");
    Files.writeString(etc.resolve("ha.cf"), String.join("\n", lines));
    Files.writeString(etc.resolve("haresources"), "");
    final Path keys = etc.resolve("authkeys");
    Files.writeString(keys, "auth 1\n1 sha1 single-daemon-secret\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    return etc;
  }

  /**
   * Starts the daemon on {@code etc}, through {@code env} with {@code sighup} ({@code
   * --default-signal=HUP} or {@code --ignore-signal=HUP}; see {@link NetnsCluster#start}).
   */
  Process launch(final Path etc, final String sighup) throws IOException {
    return new ProcessBuilder(
            "env",
            sighup,
            NetnsCluster.LAUNCHER.toString(),
            "daemon",
            "-c",
            etc.toString(),
            "--node",
            "ha1",
            "--state-dir",
            dir.resolve("state").toString(),
            "--socket",
            dir.resolve("systole.sock").toString(),
            "--logfile",
            dir.resolve("ha-log").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()))
        .start();
  }

  /** The daemon's output and its log file, so far. */
  String log() throws IOException {
    final StringBuilder b = new StringBuilder();
    for (final String name : List.of("daemon.log", "ha-log")) {
      final Path p = dir.resolve(name);
      if (Files.exists(p)) {
        b.append("--- ").append(name).append('\n').append(Files.readString(p));
      }
    }
    return b.toString();
  }
}
