package io.systole.tools;

import io.systole.engine.agent.NodeOptions;
import io.systole.engine.agent.NodeRuntime;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.HostFacts;
import io.systole.engine.control.ControlServer;
import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ResourceActuator;
import io.systole.engine.resource.ResourceAgents;
import io.systole.engine.resource.ScriptEnvironment;
import io.systole.journal.Journal;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.sign.CheckpointKeys;
import io.systole.journal.sign.CheckpointSigner;
import io.systole.media.secure.GenerationStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code systole daemon}: runs one node. Checks the configuration as {@code config check --on-node}
 * does and refuses to start on errors; opens the journal and the Heartbeat generation under the
 * state directory; recovers the state from the journal; runs membership (media, rings, detector,
 * journal, fold) until SIGTERM or SIGINT, then journals its stop. Answers {@code systole status} on
 * its control socket.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run this node of the cluster until SIGTERM.",
      "Reads DIR/ha.cf, haresources and authkeys (refusing to start on errors, which it prints as"
          + " config check does), keeps its journal and generation under the state directory, and"
          + " answers systole status on the control socket. This build runs membership: heartbeats"
          + " on every medium, node and link status, the journal; resource groups are not started."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:stopped cleanly",
      " 1:could not start (journal, generation file, socket or media)",
      " 2:configuration errors, or a usage error"
    })
final class DaemonCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

  @Spec CommandSpec command;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "DIR",
      defaultValue = ConfigCheckCommand.DEFAULT_DIR,
      description = "The configuration directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "Run as node NAME (default: this host's name, uname -n).")
  String node;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "/var/lib/systole",
      description = "Where the journal and the generation live (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      defaultValue = StatusCommand.DEFAULT_SOCKET,
      description = "The control socket (default: ${DEFAULT-VALUE}).")
  Path socket;

  @Option(
      names = "--logfile",
      paramLabel = "FILE",
      description =
          "Write the operator log here instead of ha.cf's logfile (default: ha.cf's, else "
              + DaemonLogging.DEFAULT_LOGFILE
              + ").")
  Path logfile;

  /** The signer of {@code node}'s journal checkpoints, or null when ha.cf names no key. */
  private CheckpointSigner checkpointSigner(final HaCf haCf, final String node) throws IOException {
    if (!haCf.checkpoints().enabled()) {
      return null;
    }
    final Path key = dir.resolve(haCf.checkpoints().keyFile());
    final CheckpointSigner signer = new CheckpointSigner(node, CheckpointKeys.privateKey(key));
    LOG.info(
        "{}: signing the journal every {} entries with key {} ({})",
        node,
        haCf.checkpoints().every(),
        signer.fingerprint(),
        key);
    return signer;
  }

  @Override
  public Integer call() throws Exception {
    final PrintWriter err = command.commandLine().getErr();
    final String name = (node == null ? HostFacts.LOCAL.nodeName() : node).toLowerCase(Locale.ROOT);
    // Resource scripts are found under DIR and run from another directory, with HA_RSCTMP under
    // the state directory: both must be absolute.
    dir = dir.toAbsolutePath().normalize();
    stateDir = stateDir.toAbsolutePath().normalize();
    final ConfigResult result =
        ConfigLoader.load(dir, ConfigLoader.Options.forNode(name).onNode(true));
    for (final Diagnostic d : result.diagnostics()) {
      err.println(d);
    }
    if (result.config() == null) {
      err.println(
          "systole daemon: not starting: the configuration in " + dir + " has errors (above)");
      err.flush();
      return SystoleCommand.USAGE;
    }
    final CheckpointSigner checkpoints;
    try {
      checkpoints = checkpointSigner(result.config().haCf(), name);
    } catch (IOException e) {
      err.println("systole daemon: not starting: systole_checkpoint_key " + e.getMessage());
      err.flush();
      return SystoleCommand.USAGE;
    }
    DaemonLogging.configure(result.config().haCf(), name, logfile, err);
    final EventText words = new EventText(new TimeText(ZoneId.systemDefault()));
    Files.createDirectories(stateDir);
    final long generation =
        new GenerationStore(stateDir.resolve("generation"))
            .advance(System.currentTimeMillis() / 1000L)
            .current();
    final CountDownLatch stopped = new CountDownLatch(1);
    final HaCf haCf = result.config().haCf();
    // Agents keep their own state (IPaddr2's ARP helpers' pid files) in HA_RSCTMP: one per node.
    final Path agentState = Files.createDirectories(stateDir.resolve("rsctmp"));
    try (Journal journal =
            ChronicleJournal.open(stateDir.resolve("journal"), ChronicleOptions.forNode(name));
        ResourceActuator actuator =
            new ResourceActuator(
                new ResourceAgents(
                    new ScriptEnvironment(name, dir).with("HA_RSCTMP", agentState.toString())),
                new ActionRunner(),
                Duration.ofMillis(haCf.actionTimeoutMs()))) {
      final NodeRuntime runtime =
          NodeRuntime.start(
              result.config(),
              NodeOptions.defaults(
                      result.config().haCf().deadtimeMs(), new VersionProvider().getVersion()[0])
                  .withRealtime()
                  .describedBy(
                      e ->
                          e.node()
                              + ": "
                              + words.event(e.event(), e.timeMicros())
                              + " (journal #"
                              + e.index()
                              + ")"),
              journal,
              generation,
              actuator,
              checkpoints);
      final StatusText status = new StatusText(new TimeText(ZoneId.systemDefault()));
      try (ControlServer control =
              ControlServer.start(
                  socket, new DaemonControl(runtime::status, runtime::submit, status));
          MetricsServer metrics = metrics(haCf.metrics(), runtime)) {
        final Thread hook =
            new Thread(
                () -> {
                  LOG.info("{}: stopping (signal)", name);
                  runtime.stop("SIGTERM", releaseTime(result.config()));
                  DaemonLogging.close();
                  stopped.countDown();
                },
                "systole-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        listenForHangup(runtime, name);
        LOG.info(
            "{}: running, generation {}, control socket {}, journal {}, metrics {}",
            name,
            generation,
            control.socket(),
            stateDir.resolve("journal"),
            metrics == null ? "off" : "on " + metrics.url());
        stopped.await();
      }
    } catch (IOException | RuntimeException e) {
      DaemonLogging.close();
      err.println("systole daemon: " + e.getMessage());
      err.flush();
      return SystoleCommand.FINDING;
    }
    return SystoleCommand.OK;
  }

  /**
   * The metrics endpoint of {@code systole_metrics}, counting the journal's entries from now on;
   * null (nothing listens) without that line.
   */
  private static MetricsServer metrics(final HaCf.Metrics at, final NodeRuntime runtime)
      throws IOException {
    if (!at.enabled()) {
      return null;
    }
    final JournalCounters counters = new JournalCounters();
    runtime.watch(counters);
    return MetricsServer.start(
        new InetSocketAddress(InetAddress.getByName(at.address()), at.port()),
        () -> MetricsText.render(runtime.status(), counters));
  }

  /**
   * How long a stopping daemon waits for its groups to stop: every resource's stop at its timeout,
   * and a minute more; then it stops anyway (an UNCLEAN group stays claimed in the journal).
   */
  static Duration releaseTime(final io.systole.engine.config.ClusterConfig config) {
    long resources = 0;
    for (final io.systole.engine.config.ResourceGroup g : config.groups()) {
      resources += g.resources().size();
    }
    return Duration.ofMillis(config.haCf().actionTimeoutMs() * resources).plusMinutes(1);
  }

  /** SIGHUP: re-reads the configuration and applies it, or keeps the running one and says why. */
  /** SIGHUP re-reads the configuration; says so when it cannot reach this process. */
  private void listenForHangup(final NodeRuntime runtime, final String name) {
    switch (Hangup.onHangup(() -> reload(runtime, name))) {
      case CAUGHT -> {}
      case IGNORED_AT_START ->
          LOG.warn(
              "{}: SIGHUP was ignored by whoever started this daemon (nohup, or a supervisor"
                  + " that ignores it), so reloads (systemctl reload, kill -HUP) will do"
                  + " nothing; start it without nohup, or restart it to apply changes",
              name);
      case UNSUPPORTED ->
          LOG.warn("{}: this JVM cannot catch SIGHUP; restart the daemon to apply changes", name);
    }
  }

  private void reload(final NodeRuntime runtime, final String name) {
    LOG.info("{}: SIGHUP: re-reading {}", name, dir);
    final ConfigResult next;
    try {
      next = ConfigLoader.load(dir, ConfigLoader.Options.forNode(name).onNode(true));
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: keeping the running configuration: {} cannot be read: {}",
          name,
          dir,
          e.getMessage());
      return;
    }
    for (final Diagnostic d : next.diagnostics()) {
      LOG.warn("{}: {}", name, d);
    }
    if (next.config() == null) {
      LOG.warn(
          "{}: keeping the running configuration: {} has errors (above); fix them and send"
              + " SIGHUP again",
          name,
          dir);
      return;
    }
    final java.util.List<String> restart = runtime.reload(next.config());
    if (!restart.isEmpty()) {
      LOG.warn(
          "{}: keeping the running configuration: {}; restart the daemon to apply these",
          name,
          String.join("; ", restart));
    }
  }
}
