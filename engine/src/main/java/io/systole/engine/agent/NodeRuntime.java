package io.systole.engine.agent;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.ResourceGroup;
import io.systole.engine.detect.Detectors;
import io.systole.engine.fence.Backoff;
import io.systole.engine.fence.FenceAgents;
import io.systole.engine.fence.FenceRunner;
import io.systole.engine.fence.FenceVerb;
import io.systole.engine.heartbeat.HeartbeatPeers;
import io.systole.engine.heartbeat.ResourceMessage;
import io.systole.engine.notify.Notifier;
import io.systole.engine.ping.PingMonitor;
import io.systole.engine.policy.Action;
import io.systole.engine.quorum.QuorumFile;
import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ResourceActuator;
import io.systole.engine.resource.Verb;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.journal.EpochMicrosClock;
import io.systole.journal.Journal;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.sign.CheckpointSigner;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.LinkFailure;
import io.systole.media.LinkListener;
import io.systole.media.LinkStats;
import io.systole.media.Media;
import io.systole.media.MediaContext;
import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.NodeNames;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Systole node's membership: the media, the inbound ring (verify, then the cluster
 * logic), the outbound ring (encode, sign, send on every medium), the ticker and the journal.
 * Heartbeats, ticks and commands all reach the single cluster-logic thread through the inbound
 * ring; the state it publishes after each change is what status shows.
 *
 * <p>Threads: {@code systole-verify} and {@code systole-logic} (inbound ring), {@code systole-send}
 * (outbound ring), {@code systole-ticker}, and the media's own I/O threads. The rings wait as
 * {@code systole_wait_strategy} says; blocking by default, so an idle node uses next to no CPU.
 */
public final class NodeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
  private static final int INBOUND_SLOTS = 1024;
  private static final int OUTBOUND_SLOTS = 64;

  /** Replaced by a reload; what membership uses never changes (see {@link ReloadCheck}). */
  private volatile ClusterConfig config;

  /** The authkeys in force, from which each wire thread builds keys of its own. */
  private volatile io.systole.engine.config.AuthKeys authKeys;

  private final NodeOptions options;
  private final Journal journal;
  private final long generation;
  private final List<LinkConfig> linkConfigs;
  private final DropCounters drops;
  private final ClusterAgent agent;
  private final PeerSequences sequences;
  private final HeartbeatPeers heartbeatPeers;
  private final Disruptor<InboundSlot> inbound;
  private final Disruptor<OutboundSlot> outbound;
  private final RingBuffer<InboundSlot> inRing;
  private final RingBuffer<OutboundSlot> outRing;
  private final Thread ticker;
  private final RecentEntries recent = new RecentEntries(20);

  private ResourceActuator actuator;
  private final java.util.Map<String, ResourceGroup> knownGroups =
      new java.util.concurrent.ConcurrentHashMap<>();
  private GroupChecks checks;
  private long lastMonitorMicros;

  /** Counted down by the logic once a stopping node has given up its groups. */
  private final CountDownLatch released = new CountDownLatch(1);

  private volatile StatusSnapshot snapshot;

  /** An observer of recorded entries (the metrics' counters), called on the logic thread. */
  private volatile java.util.function.Consumer<io.systole.journal.Entry> watcher = e -> {};

  private volatile boolean running = true;

  /** How long after start realtime is applied, and how often new threads are looked for. */
  static final Duration REALTIME_WARMUP = Duration.ofSeconds(5);

  private Media media;

  /** ha.cf's watchdog device, or null; tickled by the cluster logic, closed by the stop. */
  private Watchdog watchdog;

  /** Carries out the policy's fencing requests; null without a stonith line for this node. */
  private FenceRunner fencer;

  /** Probes ha.cf's ping groups; null without ping lines. */
  private PingMonitor pings;

  /** Takes the quorum file's lock; null unless the tiebreaker is a quorum file. */
  private QuorumFile quorumFile;

  /** Tells ha.cf's systole_notify program of transitions; null without one. */
  private Notifier notifier;

  private NodeRuntime(
      final ClusterConfig config,
      final NodeOptions options,
      final Journal journal,
      final long generation) {
    this.config = config;
    this.options = options;
    this.journal = journal;
    this.generation = generation;
    this.linkConfigs = MediaPlan.of(config);
    final String[] linkNames = new String[linkConfigs.size()];
    for (int i = 0; i < linkNames.length; i++) {
      linkNames[i] = linkConfigs.get(i).name();
    }
    this.drops = new DropCounters(linkNames);
    final List<String> nodes = config.haCf().nodes();
    final ClusterLogic logic = new ClusterLogic(journal, this::act);
    logic.onRecorded(
        e -> {
          recent.add(e);
          LOG.info("{}", options.describe().apply(e));
          settleFencing(e.event());
          watcher.accept(e);
          if (notifier != null) {
            notifier.offer(e);
          }
        });
    this.agent = new ClusterAgent(Detectors.forConfig(config), logic, nodes);
    this.sequences = new PeerSequences(nodes.size());
    this.heartbeatPeers = new HeartbeatPeers(config.localNode(), nodes);
    this.inbound =
        new Disruptor<>(
            InboundSlot::new,
            INBOUND_SLOTS,
            new NamedThreads("systole-verify", "systole-logic"),
            ProducerType.MULTI,
            waitStrategy(config.haCf().waitStrategy()));
    this.outbound =
        new Disruptor<>(
            OutboundSlot::new,
            OUTBOUND_SLOTS,
            new NamedThreads("systole-send"),
            ProducerType.SINGLE,
            waitStrategy(config.haCf().waitStrategy()));
    inbound.setDefaultExceptionHandler(new RingFaults<>("inbound"));
    outbound.setDefaultExceptionHandler(new RingFaults<>("outbound"));
    this.inRing = inbound.getRingBuffer();
    this.outRing = outbound.getRingBuffer();
    this.ticker = new Thread(this::tick, "systole-ticker");
    this.ticker.setDaemon(true);
    publishSnapshot();
  }

  /**
   * Passes every entry this node records from now on to {@code listener}, on the cluster-logic
   * thread: it must be quick and must not block. Replaces the previous one.
   */
  public void watch(final java.util.function.Consumer<io.systole.journal.Entry> listener) {
    this.watcher = listener;
  }

  /** The ring's wait strategy for {@code systole_wait_strategy}. */
  public static WaitStrategy waitStrategy(final HaCf.Wait wait) {
    return switch (wait) {
      case BLOCKING -> new BlockingYieldingWaitStrategy();
      case SLEEPING -> new SleepingWaitStrategy();
      case YIELDING -> new YieldingWaitStrategy();
      case BUSYSPIN -> new BusySpinWaitStrategy();
    };
  }

  /**
   * Starts the node of {@code config} on {@code journal}: recovers its state from the journal,
   * journals the start and the configuration, and brings up the rings, the media and the ticker.
   *
   * @param generation this start's Heartbeat generation (persisted by the caller)
   */
  public static NodeRuntime start(
      final ClusterConfig config,
      final NodeOptions options,
      final Journal journal,
      final long generation) {
    return start(config, options, journal, generation, null);
  }

  /**
   * Starts the node as {@link #start(ClusterConfig, NodeOptions, Journal, long)} does, running its
   * resource groups with {@code actuator} (null: membership only, groups are never started).
   */
  public static NodeRuntime start(
      final ClusterConfig config,
      final NodeOptions options,
      final Journal journal,
      final long generation,
      final ResourceActuator actuator) {
    return start(config, options, journal, generation, actuator, null);
  }

  /**
   * Starts the node as {@link #start(ClusterConfig, NodeOptions, Journal, long, ResourceActuator)}
   * does, signing its journal with {@code checkpoints} (null: unsigned) every {@code
   * systole_checkpoint_every} entries and at its stop.
   */
  public static NodeRuntime start(
      final ClusterConfig config,
      final NodeOptions options,
      final Journal journal,
      final long generation,
      final ResourceActuator actuator,
      final CheckpointSigner checkpoints) {
    final NodeRuntime node = new NodeRuntime(config, options, journal, generation);
    if (checkpoints != null) {
      node.agent.logic().signWith(checkpoints, config.haCf().checkpoints().every());
    }
    node.actuator = actuator;
    node.checks = actuator == null ? null : new GroupChecks(actuator, node::report);
    node.remember(config);
    node.watchdog = openWatchdog(config);
    try {
      node.fencer = fenceRunner(config, node::report);
      node.pings =
          config.haCf().pingGroups().isEmpty()
              ? null
              : PingMonitor.of(
                  config.haCf(),
                  (group, reachable, detail) ->
                      node.report(new PingStatus(group, reachable, detail)));
      node.quorumFile = quorumFile(config, node::report);
      node.notifier = notifier(config);
      node.run();
    } catch (RuntimeException e) {
      if (node.watchdog != null) {
        node.watchdog.close(); // a failed start is no hang; the ticker starts last, so untickled
      }
      node.closeGuards();
      throw e;
    }
    return node;
  }

  /**
   * The runner of this node's STONITH device, or null when no stonith line applies to it; an
   * unknown type stops the start with the types Systole drives.
   */
  private static FenceRunner fenceRunner(
      final ClusterConfig config, final java.util.function.Consumer<Event> reports) {
    final HaCf.Guards guards = config.haCf().guards();
    return new FenceAgents(new ActionRunner())
        .forNode(config.haCf().stonith(), config.localNode())
        .map(
            agent -> {
              LOG.info(
                  "{}: fences dead peers with {} ({}), each attempt at most {} s",
                  config.localNode(),
                  agent.describe(),
                  guards.fenceAction().name().toLowerCase(Locale.ROOT),
                  guards.fenceTimeoutMs() / 1000);
              return new FenceRunner(
                  config.localNode(),
                  agent,
                  config.fenceAgent(),
                  guards.fenceAction() == HaCf.FenceAction.OFF ? FenceVerb.OFF : FenceVerb.RESET,
                  Duration.ofMillis(guards.fenceTimeoutMs()),
                  Backoff.DEFAULT,
                  reports::accept);
            })
        .orElse(null);
  }

  /**
   * The quorum file of {@code systole_tiebreaker /PATH} with quorum on, or null. Its lock is
   * journaled as the reach of the tiebreaker ({@link PingStatus} of the path), which is what the
   * quorum rule reads.
   */
  private static QuorumFile quorumFile(
      final ClusterConfig config, final java.util.function.Consumer<Event> reports) {
    final HaCf.Guards guards = config.haCf().guards();
    if (!guards.tiebreaker().startsWith("/")
        || guards.quorum() != io.systole.journal.event.Quorum.MAJORITY) {
      return null;
    }
    return new QuorumFile(
        java.nio.file.Path.of(guards.tiebreaker()),
        config.haCf().keepaliveMs(),
        (file, held, detail) -> reports.accept(new PingStatus(file, held, detail)));
  }

  /** The notifier of ha.cf's {@code systole_notify} program, or null when there is none. */
  private static Notifier notifier(final ClusterConfig config) {
    final HaCf.Notify notify = config.haCf().notifications();
    return notify.enabled()
        ? new Notifier(
            config.localNode(),
            notify.program(),
            Duration.ofMillis(notify.timeoutMs()),
            Notifier.DEFAULT_CAPACITY,
            new ActionRunner())
        : null;
  }

  /**
   * Ends fencing that is no longer needed, on the logic thread as each entry is journaled: the
   * target was heard again, or its fencing succeeded (by the runner, or an operator's {@code
   * systole fence-confirm}, which also ends a meatware wait).
   */
  private void settleFencing(final Event event) {
    if (fencer == null) {
      return;
    }
    if (event instanceof NodeUp up) {
      fencer.cancel(up.node());
    } else if (event instanceof Fence f && f.phase() == Phase.SUCCEEDED) {
      fencer.cancel(f.target());
    }
  }

  /** Stops the fence runner, the ping prober, the quorum file and the notifier. */
  private void closeGuards() {
    if (fencer != null) {
      fencer.close();
    }
    if (pings != null) {
      pings.close();
    }
    if (quorumFile != null) {
      quorumFile.close();
    }
    if (notifier != null) {
      notifier.close(); // after the stop is journaled: its notification gets its run
    }
  }

  /**
   * Opens ha.cf's watchdog device, or null when it names none; a device that fails stops the start.
   */
  private static Watchdog openWatchdog(final ClusterConfig config) {
    if (config.haCf().watchdog().isEmpty()) {
      return null;
    }
    final Watchdog w = Watchdog.open(java.nio.file.Path.of(config.haCf().watchdog()));
    LOG.info(
        "{}: watchdog {} armed: tickled with every heartbeat (every {} ms); a clean stop disarms"
            + " it, a hung or killed daemon lets the kernel reset this machine",
        config.localNode(),
        w.path(),
        config.haCf().keepaliveMs());
    return w;
  }

  private void run() {
    final NodeNames names = NodeNames.of(config.haCf().nodes());
    // Authenticators keep digest state: each thread that signs or verifies gets its own.
    final int self = config.haCf().nodes().indexOf(config.localNode());
    authKeys = config.authKeys();
    final WireKeys keys = WireKeys.of(authKeys);
    final VerifyStage verify = new VerifyStage(keys.heartbeat(), null, names, self, linkConfigs);
    verify.useKeys(keys, java.time.InstantSource.system());
    inbound
        .handleEventsWith(verify)
        .then((EventHandler<InboundSlot>) (slot, seq, end) -> logic(slot, end));
    outbound.handleEventsWith(new SendStage(WireKeys.of(authKeys)));
    LOG.info("wire: {}", wireMode(config.authKeys()));
    outbound.start();
    inbound.start();
    if (actuator == null && !config.groups().isEmpty()) {
      LOG.warn(
          "haresources lists {} group(s), but this node runs membership only: none will start",
          config.groups().size());
    }
    submit(
        List.of(
            new DaemonStarted(options.version(), ProcessHandle.current().pid()),
            configEvent(config)));
    // After the start is journaled: a verdict before it would be wiped by it.
    if (fencer != null) {
      fencer.start();
    }
    if (pings != null) {
      pings.start();
    }
    if (quorumFile != null) {
      quorumFile.start();
    }
    if (notifier != null) {
      notifier.start();
    }
    media =
        Media.start(
            new MediaContext()
                .nodeName(config.localNode())
                .authKeys(() -> WireKeys.of(authKeys).forwarding()) // one set per serial link
                .retryInterval(options.mediaRetry())
                .udpTransport(options.udpTransport())
                .threadNamePrefix("systole"),
            linkConfigs,
            this::onFrame,
            new LinkListener() {
              @Override
              public void linkUp(final Link link) {
                LOG.info("medium up: {}", link.name());
              }

              @Override
              public void linkFailed(final Link link, final LinkFailure failure) {
                LOG.warn("{}; retrying every {} s", failure, options.mediaRetry().toSeconds());
              }
            });
    ticker.start();
    if (options.realtime()) {
      final Thread watch = new Thread(this::realtimeWatch, "realtime-watch");
      watch.setDaemon(true);
      watch.start();
    }
  }

  /**
   * Applies realtime once the JVM has warmed up, then rechecks for new heartbeat threads (a medium
   * that comes up late starts its I/O thread then). Not at once: the heartbeat threads run
   * interpreted at first, many times slower, and at realtime priority on a busy machine they would
   * hold the cores the JIT compiler (normal priority) needs to compile them; measured with five
   * two-node clusters starting at once on 2 cores at keepalive 20 ms, failovers then took seconds
   * instead of 0.2 s. Heartbeat's own initdead covers the first seconds of a node's life anyway.
   */
  private void realtimeWatch() {
    boolean first = true;
    while (running) {
      try {
        Thread.sleep(REALTIME_WARMUP.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (!running || !realtime(first)) {
        return; // off, refused or failed: said once, not every few seconds
      }
      first = false;
    }
  }

  /**
   * Puts the heartbeat threads not yet realtime under SCHED_RR when ha.cf asks (see {@link
   * RealtimeScheduling}) and says whether it still should be called; called by the realtime-watch
   * thread only. Says so the first time, and later only about threads it newly set. Not with a
   * spinning or yielding wait strategy: those threads never leave the CPU, and at realtime priority
   * they would starve everything else on their cores.
   */
  private boolean realtime(final boolean start) {
    final HaCf.Realtime rt = config.haCf().realtime();
    if (!options.realtime() || !rt.on()) {
      return false;
    }
    final HaCf.Wait wait = config.haCf().waitStrategy();
    if (wait == HaCf.Wait.BUSYSPIN || wait == HaCf.Wait.YIELDING) {
      if (start) {
        LOG.warn(
            "{}: realtime is not applied with systole_wait_strategy {}: threads that never leave"
                + " the CPU would starve the machine at realtime priority; use blocking or"
                + " sleeping, or set realtime off",
            config.localNode(),
            wait.name().toLowerCase(Locale.ROOT));
      }
      return false;
    }
    final RealtimeScheduling.Outcome o =
        RealtimeScheduling.apply(rt, ProcessHandle.current().pid());
    if (!o.applied()) {
      LOG.warn("{}: {}", config.localNode(), o.message());
    } else if (start || !o.threads().isEmpty()) {
      LOG.info("{}: {}", config.localNode(), o.message());
    }
    return o.applied();
  }

  /** The journal entry of {@code c}: without groups when this node runs no resources. */
  private ConfigLoaded configEvent(final ClusterConfig c) {
    final ConfigLoaded loaded = c.toEvent();
    return actuator != null
        ? loaded
        : new ConfigLoaded(
            loaded.source(),
            loaded.sha256(),
            loaded.nodes(),
            List.of(),
            loaded.failback(),
            loaded.fenceAgent(),
            loaded.guards());
  }

  /** Keeps each group's resources by name, so a group dropped by a reload can still be stopped. */
  private void remember(final ClusterConfig c) {
    for (final ResourceGroup g : c.groups()) {
      knownGroups.put(g.name(), g);
    }
  }

  /**
   * Carries out an action the cluster logic journaled (on its thread): a group start or stop goes
   * to the actuator, whose events come back through the ring; a fencing request to the fence
   * runner, whose outcomes come back the same way. Claims and releases travel in the announcements.
   */
  private void act(final Action action) {
    if (action instanceof Action.RequestFence fence) {
      if (fencer != null) {
        fencer.request(fence.node(), fence.delayMicros());
      } else {
        report(
            new Fence(
                fence.node(),
                fence.agent(),
                Phase.FAILED,
                "no stonith line applies to "
                    + config.localNode()
                    + ": add one, or confirm by hand with systole fence-confirm "
                    + fence.node()));
      }
      return;
    }
    if (actuator == null) {
      return;
    }
    if (action instanceof Action.StartGroup start) {
      final ResourceGroup g = knownGroups.get(start.group());
      if (g != null) {
        actuator.start(g, this::report);
      } else {
        report(new GroupStart(start.group(), Phase.FAILED, "not in haresources"));
      }
    } else if (action instanceof Action.StopGroup stop) {
      final ResourceGroup g = knownGroups.get(stop.group());
      if (g != null) {
        actuator.stop(g, this::report);
      } else {
        // A group only the journal remembers (dropped from haresources before a crash): its
        // resources are unknown, so it cannot be stopped here; it stays UNCLEAN for an admin.
        report(
            new GroupStop(
                stop.group(),
                Phase.FAILED,
                "resources unknown (not in haresources): stop by hand"));
      }
    }
  }

  /** An actuator's event, on its action thread: into the ring, for the logic to journal. */
  private void report(final Event event) {
    submit(List.of(event));
  }

  /**
   * Asks the actuator to check every group running here that has no check under way; a failure
   * comes back as a {@link MonitorFailed} (logic thread).
   */
  private void monitor(final long nowMicros) {
    final long interval = config.haCf().monitorIntervalMs() * 1000L;
    if (actuator == null || interval <= 0 || nowMicros - lastMonitorMicros < interval) {
      return;
    }
    lastMonitorMicros = nowMicros;
    for (final GroupState g : agent.logic().state().groups()) {
      check(g, Verb.MONITOR);
    }
  }

  /**
   * Checks group {@code g} now ({@code verb} MONITOR, or ANNOUNCE to re-announce it too) if it runs
   * here and no check of it is under way.
   */
  private void check(final GroupState g, final Verb verb) {
    final ResourceGroup group = knownGroups.get(g.name());
    if (g.local() == GroupStatus.RUNNING
        && g.recovery() != GroupState.Recovery.RESTART
        && group != null) {
      checks.check(group, verb);
    }
  }

  /**
   * A peer gave up a group that also runs here (a healed partition, a woken frozen node): check it
   * at once, which re-announces its addresses, so clients follow this node within a moment instead
   * of waiting for their ARP entries to expire.
   */
  private void reannounce(final ClusterState before, final ClusterState after) {
    if (actuator == null || before == after) {
      return;
    }
    for (final GroupState g : after.groups()) {
      final GroupState was = before.group(g.name());
      if (g.local() == GroupStatus.RUNNING
          && was != null
          && heldElsewhere(was, after.self())
          && !heldElsewhere(g, after.self())) {
        LOG.info("{}: {} released by its other holder; re-announcing it", after.self(), g.name());
        check(g, Verb.ANNOUNCE);
      }
    }
  }

  private static boolean heldElsewhere(final GroupState g, final String self) {
    for (final String node : g.claimedBy()) {
      if (!node.equals(self)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies the re-read configuration {@code next} (SIGHUP): new keys (each wire stage switches on
   * its own thread between two messages) and the new layout, journaled as a {@link ConfigLoaded}.
   * Refused, with the running configuration kept, when it changes what membership is built from.
   *
   * @return why {@code next} needs a restart instead; empty when it was applied
   */
  public List<String> reload(final ClusterConfig next) {
    final List<String> restart = ReloadCheck.needsRestart(config, next, linkConfigs);
    if (!restart.isEmpty()) {
      return restart;
    }
    remember(next);
    config = next;
    authKeys = next.authKeys();
    inRing.publishEvent(
        (slot, seq, time, keys) -> {
          slot.signal(InboundSlot.Kind.KEYS, time);
          slot.keys = keys;
        },
        options.clock().nowMicros(),
        WireKeys.of(authKeys));
    final long out = outRing.next();
    try {
      final OutboundSlot slot = outRing.get(out);
      slot.kind = OutboundSlot.Kind.KEYS;
      slot.announcement = null;
      slot.keys = WireKeys.of(authKeys);
    } finally {
      outRing.publish(out);
    }
    submit(List.of(configEvent(next)));
    LOG.info(
        "configuration reloaded from {}; wire: {}", next.directory(), wireMode(next.authKeys()));
    return List.of();
  }

  /** One line for the log: what this node sends and what it accepts. */
  static String wireMode(final io.systole.engine.config.AuthKeys keys) {
    final StringBuilder b = new StringBuilder();
    final io.systole.engine.config.AuthKeys.Key active = keys.active();
    b.append(keys.sendsEnvelopes() ? "sends Systole envelopes (" : "sends Heartbeat messages (")
        .append(active.method().keyword())
        .append(", key ")
        .append(active.index())
        .append(')');
    final List<String> accepted = new java.util.ArrayList<>();
    new java.util.TreeMap<>(keys.keys())
        .forEach(
            (index, k) -> {
              if (index != keys.activeIndex()) {
                accepted.add(k.method().keyword() + " key " + index);
              }
            });
    if (!accepted.isEmpty()) {
      b.append("; also accepts ").append(String.join(", ", accepted));
    }
    if (keys.sendsEnvelopes() && HeartbeatKeys.of(keys) != null) {
      b.append("; Heartbeat messages still accepted (migration state)");
    }
    return b.toString();
  }

  /** Called on a medium's I/O thread: copies the frame into a slot, never blocks. */
  private void onFrame(final Link link, final ByteBuffer frame, final java.net.SocketAddress from) {
    final long seq;
    try {
      seq = inRing.tryNext();
    } catch (InsufficientCapacityException e) {
      drops.drop(Drop.RING_FULL, link.id(), null, System.nanoTime());
      return;
    }
    try {
      inRing.get(seq).frame(link.id(), frame, options.clock().nowMicros());
    } finally {
      inRing.publish(seq);
    }
  }

  /**
   * Fills a signal slot, stamped when its slot is claimed; one instance, so ticks allocate nothing.
   */
  private final EventTranslatorOneArg<InboundSlot, InboundSlot.Kind> signalSlot = this::fillSignal;

  private void fillSignal(final InboundSlot slot, final long seq, final InboundSlot.Kind kind) {
    slot.signal(kind, options.clock().nowMicros());
  }

  private void signal(final InboundSlot.Kind kind) {
    inRing.publishEvent(signalSlot, kind);
  }

  private void publishPause(final long fromMicros, final long toMicros) {
    inRing.publishEvent(
        (slot, seq, from, to) -> {
          slot.signal(InboundSlot.Kind.PAUSED, to);
          slot.pausedSinceMicros = from;
        },
        fromMicros,
        toMicros);
  }

  /** Hands {@code events} (admin commands, finished actions) to the cluster logic. */
  public void submit(final List<? extends Event> events) {
    inRing.publishEvent(
        (slot, seq, time, copy) -> {
          slot.signal(InboundSlot.Kind.EVENTS, time);
          slot.events = copy;
        },
        options.clock().nowMicros(),
        List.copyOf(events));
  }

  private void tick() {
    final long tickNanos = options.tickMicros() * 1000L;
    final long keepaliveNanos = config.haCf().keepaliveMs() * 1_000_000L;
    long nextBeat = System.nanoTime();
    long nextTick = nextBeat;
    while (running) {
      final long now = System.nanoTime();
      if (now - nextTick > keepaliveNanos) {
        // Woken more than a keepalive late: this process did not run (SIGSTOP, a paused VM).
        final long to = options.clock().nowMicros();
        publishPause(to - (now - nextTick) / 1000, to);
      }
      if (now - nextBeat >= 0) {
        signal(InboundSlot.Kind.HEARTBEAT_DUE);
        nextBeat += keepaliveNanos;
        if (now - nextBeat > keepaliveNanos) {
          nextBeat = now + keepaliveNanos; // the machine stalled: do not burst
        }
      }
      if (now - nextTick >= 0) {
        signal(InboundSlot.Kind.TICK);
        nextTick = now + tickNanos;
      }
      LockSupport.parkNanos(Math.max(0, Math.min(nextTick, nextBeat) - System.nanoTime()));
    }
  }

  // The cluster-logic thread

  private void logic(final InboundSlot slot, final boolean endOfBatch) {
    final ClusterState before = agent.logic().state();
    switch (slot.kind) {
      case KEYS -> {
        return;
      }
      case FRAME -> frame(slot);
      case TICK -> {
        agent.tick(slot.timeMicros);
        monitor(slot.timeMicros);
      }
      case PAUSED -> {
        LOG.warn(
            "{}: did not run for {} ms (process stopped or machine paused); peers' silence in that"
                + " time is not held against them, and checks wait an interval",
            agent.logic().state().self(),
            (slot.timeMicros - slot.pausedSinceMicros) / 1000);
        agent.paused(slot.pausedSinceMicros, slot.timeMicros);
        // A check now could re-announce an address another node took meanwhile.
        lastMonitorMicros = slot.timeMicros;
      }
      case HEARTBEAT_DUE -> {
        send(agent.announcement());
        if (watchdog != null) {
          watchdog.tickle(); // here, not in the ticker: a hung logic thread must stop it too
        }
      }
      case EVENTS -> agent.input(slot.timeMicros, slot.events);
    }
    final Announcement changed = agent.changedAnnouncement();
    if (changed != null) {
      send(changed);
    }
    reannounce(before, agent.logic().state());
    for (final ResourceMessage m :
        heartbeatPeers.afterRound(before, agent.logic().state(), slot.timeMicros)) {
      send(m);
    }
    if (agent.logic().state().stopDone() && released.getCount() > 0) {
      send(agent.announcement()); // the releases, at once rather than at the next keepalive
      released.countDown();
    }
    if (endOfBatch && snapshot.state() != agent.logic().state()) {
      publishSnapshot();
    }
    if (slot.barrier != null) {
      publishSnapshot();
      slot.barrier.countDown();
    }
  }

  private void frame(final InboundSlot slot) {
    if (slot.drop != null) {
      drops.drop(slot.drop, slot.link, null, System.nanoTime());
      return;
    }
    if (slot.seq < 0) {
      return; // an unsequenced (NS_) message: flow control, not a heartbeat
    }
    final PeerSequences.Verdict v =
        sequences.accept(slot.sender, slot.generation, slot.seq, slot.timeMicros);
    switch (v) {
      case STALE_GENERATION ->
          drops.drop(
              Drop.STALE_GENERATION,
              slot.link,
              config.haCf().nodes().get(slot.sender),
              System.nanoTime());
      case IMPLAUSIBLE_GENERATION ->
          drops.drop(
              Drop.IMPLAUSIBLE_GENERATION,
              slot.link,
              config.haCf().nodes().get(slot.sender),
              System.nanoTime());
      case OLD ->
          drops.drop(
              Drop.REPLAYED, slot.link, config.haCf().nodes().get(slot.sender), System.nanoTime());
      default -> {
        if (v != PeerSequences.Verdict.DUPLICATE) {
          if (slot.reqnodes) {
            reply(OutboundSlot.Kind.REPNODES, slot.sender, 0);
          }
          final long ack = sequences.ackDue(slot.sender);
          if (ack >= 0) {
            reply(OutboundSlot.Kind.ACK, slot.sender, ack);
          }
        }
        if (slot.status) {
          agent.heartbeat(
              slot.timeMicros,
              slot.sender,
              linkConfigs.get(slot.link).device(),
              slot.generation,
              slot.seq,
              slot.announcement != null
                  ? slot.announcement
                  : heartbeatPeers.status(
                      slot.sender, slot.generation, slot.timeMicros, agent.logic().state()));
        } else if (slot.resource != null
            && v != PeerSequences.Verdict.DUPLICATE
            && heartbeatPeers.isHeartbeat(slot.sender)) {
          for (final ResourceMessage m :
              heartbeatPeers.receive(
                  slot.sender,
                  slot.generation,
                  slot.timeMicros,
                  slot.resource,
                  agent.logic().state())) {
            send(m);
          }
          final List<Event> requests = heartbeatPeers.requests();
          if (!requests.isEmpty()) {
            agent.input(slot.timeMicros, requests);
          }
          agent.announced(
              slot.timeMicros,
              slot.sender,
              heartbeatPeers.status(
                  slot.sender, slot.generation, slot.timeMicros, agent.logic().state()));
        }
      }
    }
  }

  private void send(final Announcement a) {
    final long seq = outRing.next();
    try {
      final OutboundSlot slot = outRing.get(seq);
      slot.kind = OutboundSlot.Kind.STATUS;
      slot.announcement = a;
    } finally {
      outRing.publish(seq);
    }
  }

  /** Asks the send stage for a message of Heartbeat's resource protocol. */
  private void send(final ResourceMessage m) {
    LOG.info("{}: to Heartbeat: {}", config.localNode(), m);
    final long seq = outRing.next();
    try {
      final OutboundSlot slot = outRing.get(seq);
      slot.kind = OutboundSlot.Kind.RESOURCE;
      slot.announcement = null;
      slot.resource = m;
    } finally {
      outRing.publish(seq);
    }
  }

  /** Asks the send stage for a message of {@code kind} to node {@code peer}. */
  private void reply(final OutboundSlot.Kind kind, final int peer, final long ackSeq) {
    final long seq = outRing.next();
    try {
      final OutboundSlot slot = outRing.get(seq);
      slot.kind = kind;
      slot.announcement = null;
      slot.peer = peer;
      slot.ackSeq = ackSeq;
    } finally {
      outRing.publish(seq);
    }
  }

  private void publishSnapshot() {
    final java.util.Map<String, Long> lost = new java.util.LinkedHashMap<>();
    final List<String> nodes = config.haCf().nodes();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).equals(config.localNode())) {
        lost.put(nodes.get(i), sequences.lost(i));
      }
    }
    snapshot =
        new StatusSnapshot(
            agent.logic().state(),
            generation,
            journal.lastIndex(),
            recent.list(),
            List.of(),
            drops.snapshot(),
            lost,
            heartbeatPeers.names());
  }

  /** What status shows now: the last published state with the media's and drops' live counters. */
  public StatusSnapshot status() {
    final StatusSnapshot s = snapshot;
    final List<LinkStats> stats = media == null ? List.of() : media.stats();
    return new StatusSnapshot(
        s.state(),
        s.generation(),
        s.journalIndex(),
        s.recent(),
        stats,
        drops.snapshot(),
        s.lost(),
        s.heartbeat());
  }

  /** The drop counters. */
  public DropCounters drops() {
    return drops;
  }

  // The send stage: encode, sign, send on every medium

  private final class SendStage implements EventHandler<OutboundSlot> {
    private NetstringCodec netstring;
    private ClassicCodec classic;
    private EnvelopeWriter writer;
    private EnvelopeWriter envelopes;
    private long seq;

    /** Sends as {@code keys} say: Heartbeat messages signed, or envelopes sealed. */
    SendStage(final WireKeys keys) {
      useKeys(keys);
    }

    /** One sealer for the life of the process, however often the keys change. */
    private void useKeys(final WireKeys keys) {
      final AuthKeys signing = keys.heartbeat();
      netstring = signing == null ? null : new NetstringCodec(signing);
      classic = signing == null ? null : new ClassicCodec(signing);
      if (keys.seals()) {
        if (writer == null) {
          writer = new EnvelopeWriter(keys.envelopes(), config.localNode(), generation);
        } else {
          writer.useKeys(keys.envelopes());
        }
        envelopes = writer;
      } else {
        envelopes = null;
      }
    }

    @Override
    public void onEvent(final OutboundSlot slot, final long sequence, final boolean end) {
      if (slot.kind == OutboundSlot.Kind.KEYS) {
        useKeys(slot.keys);
        slot.keys = null;
        return;
      }
      final int ttl = config.haCf().hopfudge() + config.haCf().nodes().size();
      final long now = options.clock().nowMicros() / 1_000_000L;
      final HeartbeatMessage message =
          switch (slot.kind) {
            case STATUS ->
                StatusMessages.status(
                    config.localNode(),
                    ++seq,
                    generation,
                    config.haCf().deadtimeMs(),
                    ttl,
                    now,
                    slot.announcement);
            case REPNODES ->
                HeartbeatReplies.repnodes(
                    config.localNode(),
                    config.haCf().nodes().get(slot.peer),
                    config.haCf().nodes(),
                    ++seq,
                    generation,
                    ttl,
                    now);
            case ACK ->
                HeartbeatReplies.ack(
                    config.localNode(),
                    config.haCf().nodes().get(slot.peer),
                    slot.ackSeq,
                    generation,
                    ttl,
                    now);
            case RESOURCE -> slot.resource.encode(config.localNode(), ++seq, generation, ttl, now);
            case KEYS -> throw new IllegalStateException("handled above");
          };
      slot.announcement = null;
      slot.resource = null;
      final Media m = media;
      if (m == null) {
        return;
      }
      // UDP carries netstring framing, a serial line Heartbeat's classic text framing; an
      // envelope is sealed once and the same one goes on every medium.
      ByteBuffer udp = envelopes == null ? null : envelopes.seal(message);
      ByteBuffer serial = null;
      for (int i = 0; i < linkConfigs.size(); i++) {
        if (linkConfigs.get(i) instanceof LinkConfig.Serial) {
          if (serial == null) {
            serial =
                envelopes == null
                    ? ByteBuffer.wrap(classic.encode(message))
                    : envelopes.serialFrame(ttl);
          }
          m.links().get(i).send(serial);
        } else {
          udp = udp == null ? ByteBuffer.wrap(netstring.encode(message)) : udp;
          m.links().get(i).send(udp);
        }
      }
    }
  }

  /**
   * Stops the node cleanly: journals the stop with {@code reason}, then stops the ticker, the media
   * and the rings. The journal is the caller's to close.
   */
  public void stop(final String reason) {
    stop(reason, java.time.Duration.ofMinutes(2));
  }

  /**
   * Stops the node cleanly: journals that it is stopping, gives up its groups (stopped last-first,
   * each release announced to the peers while heartbeats still go out), waits up to {@code release}
   * for that, then journals the stop with {@code reason} and stops the ticker, the media and the
   * rings. The journal is the caller's to close.
   */
  public void stop(final String reason, final java.time.Duration release) {
    if (!running) {
      return;
    }
    submit(List.of(new DaemonStopping(reason)));
    try {
      if (!released.await(release.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{}: groups not released within {} s; stopping anyway: {}",
            config.localNode(),
            release.toSeconds(),
            snapshot.state().groups());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
    ticker.interrupt();
    try {
      // No heartbeat may be due after the barrier below: past it the watchdog is closed here.
      ticker.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    final CountDownLatch journaled = new CountDownLatch(1);
    submit(List.of(new DaemonStopped(reason)));
    submitBarrier(journaled);
    try {
      if (!journaled.await(5, TimeUnit.SECONDS)) {
        LOG.warn("the cluster logic did not journal the stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeGuards();
    inbound.halt();
    outbound.halt();
    if (media != null) {
      media.close();
    }
    if (watchdog != null) {
      watchdog.close();
    }
  }

  private void submitBarrier(final CountDownLatch latch) {
    inRing.publishEvent(
        (slot, seq, time, done) -> {
          slot.signal(InboundSlot.Kind.EVENTS, time);
          slot.events = List.of();
          slot.barrier = done;
        },
        options.clock().nowMicros(),
        latch);
  }

  @Override
  public void close() {
    stop("closed");
  }

  /** The clock the node reads; the system clock outside tests. */
  EpochMicrosClock clock() {
    return options.clock();
  }
}
