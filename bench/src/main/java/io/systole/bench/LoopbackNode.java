package io.systole.bench;

import io.systole.engine.agent.NodeOptions;
import io.systole.engine.agent.NodeRuntime;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.journal.Journal;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Systole node on loopback, started as {@code systole daemon} starts one: its ha.cf,
 * haresources and authkeys written to a temporary directory and read by the engine's {@link
 * ConfigLoader} on the node, a Chronicle journal in the same directory, {@link
 * NodeOptions#defaults}, then {@link NodeRuntime#start}. Two nodes, {@value #NODE} (this one) and
 * {@value #PEER} (played by the benchmark), one {@code ucast lo} medium to the peer's address, sha1
 * authentication, no resources, and timings long enough that nothing but the benchmark's traffic
 * reaches the rings while it measures: keepalive {@value #KEEPALIVE_S} s, deadtime and initdead
 * {@value #DEADTIME_S} s. {@link #close} stops the node, closes the journal and deletes the
 * directory.
 */
final class LoopbackNode implements AutoCloseable {
  /** This node's name. */
  static final String NODE = "sy";

  /** The peer's name. */
  static final String PEER = "peer";

  /** The sha1 key of authkeys index 1. */
  static final String KEY = "ringbench-shared-key";

  /** The keepalive, in seconds. */
  static final int KEEPALIVE_S = 60;

  /** The deadtime and initdead, in seconds. */
  static final int DEADTIME_S = 180;

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackNode.class);

  private final Path dir;
  private final Journal journal;
  private final NodeRuntime runtime;

  private LoopbackNode(final Path dir, final Journal journal, final NodeRuntime runtime) {
    this.dir = dir;
    this.journal = journal;
    this.runtime = runtime;
  }

  /**
   * Starts the node: bound to {@code lo}'s address and {@code port}, heartbeating to {@code
   * peerAddress} on the same port, its rings waiting with {@code waitStrategy} ({@code
   * systole_wait_strategy}).
   */
  static LoopbackNode start(final String peerAddress, final int port, final String waitStrategy) {
    final Path dir = BenchFiles.tempDir("ringbench");
    Journal journal = null;
    try {
      final ConfigResult config = load(dir.resolve("ha.d"), peerAddress, port, waitStrategy);
      final long generation = System.currentTimeMillis() / 1000L;
      journal = ChronicleJournal.open(dir.resolve("journal"), ChronicleOptions.forNode(NODE));
      final NodeRuntime runtime =
          NodeRuntime.start(
              config.config(),
              NodeOptions.defaults(config.config().haCf().deadtimeMs(), "bench"),
              journal,
              generation);
      return new LoopbackNode(dir, journal, runtime);
    } catch (RuntimeException e) {
      if (journal != null) {
        journal.close();
      }
      BenchFiles.delete(dir);
      throw e;
    }
  }

  private static ConfigResult load(
      final Path etc, final String peerAddress, final int port, final String waitStrategy) {
    final String haCf =
        String.join(
            "\n",
            "# written by io.systole.bench.RingRoundTrip",
            "node " + NODE,
            "node " + PEER,
            "udpport " + port,
            "ucast lo " + peerAddress,
            "keepalive " + KEEPALIVE_S,
            "deadtime " + DEADTIME_S,
            "initdead " + DEADTIME_S,
            "auto_failback off",
            "systole_wait_strategy " + waitStrategy,
            "");
    try {
      Files.createDirectories(etc);
      Files.writeString(etc.resolve("ha.cf"), haCf, StandardCharsets.US_ASCII);
      Files.writeString(etc.resolve("haresources"), "", StandardCharsets.US_ASCII);
      final Path authkeys = etc.resolve("authkeys");
      Files.writeString(authkeys, "auth 1\n1 sha1 " + KEY + "\n", StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final ConfigResult result =
        ConfigLoader.load(etc, ConfigLoader.Options.forNode(NODE).onNode(true));
    for (final Diagnostic d : result.warnings()) {
      LOG.warn("{}", d);
    }
    if (!result.ok()) {
      throw new IllegalStateException("the benchmark's configuration has errors: " + result);
    }
    return result;
  }

  /** The running node. */
  NodeRuntime runtime() {
    return runtime;
  }

  /** What the node reports about its media and drops, for a failure message. */
  String diagnostics() {
    return "node drops " + runtime.drops().snapshot() + ", media " + runtime.status().media();
  }

  @Override
  public void close() {
    try {
      runtime.stop("bench");
    } finally {
      try {
        journal.close();
      } finally {
        BenchFiles.delete(dir);
      }
    }
  }
}
