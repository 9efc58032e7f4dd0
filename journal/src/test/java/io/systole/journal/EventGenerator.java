package io.systole.journal;

import io.systole.journal.codec.EventType;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.Quorum;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random events of every type, for property tests. The same seed always gives the same
 * sequence, so a failure is reproduced by its seed. Strings mix the names a cluster really uses
 * with edge cases: empty, non-ASCII, long.
 */
public final class EventGenerator {
  private static final String[] NAMES = {
    "ha1",
    "ha2",
    "ha1.bogus.sh.cn",
    "node-3",
    "bcast eth1",
    "serial /dev/ttyS0",
    "g1",
    "httpd",
    "IPaddr::192.168.2.3",
    "",
    "ünïcødé-節點",
    "x".repeat(300)
  };

  private final SplittableRandom random;
  private final long seed;

  /** A generator for {@code seed}. */
  public EventGenerator(final long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The seed, for failure messages. */
  public long seed() {
    return seed;
  }

  /** A random event of a random type. */
  public Event next() {
    final EventType[] types = EventType.values();
    return of(types[random.nextInt(types.length)]);
  }

  /** A random event of {@code type}. */
  public Event of(final EventType type) {
    return switch (type) {
      case NODE_UP -> new NodeUp(name(), name());
      case NODE_WARN -> new NodeWarn(name(), name(), time(), random.nextLong(0, 60_000_000));
      case NODE_DEAD -> new NodeDead(name(), micros(), random.nextBoolean(), count(), links());
      case LINK_UP -> new LinkUp(name(), name());
      case LINK_DEAD -> new LinkDead(name(), name(), time(), micros());
      case GROUP_START -> new GroupStart(name(), phase(), name());
      case GROUP_STOP -> new GroupStop(name(), phase(), name());
      case RESOURCE_START -> new ResourceStart(name(), name(), phase(), name());
      case RESOURCE_STOP -> new ResourceStop(name(), name(), phase(), name());
      case MONITOR_FAILED -> new MonitorFailed(name(), name(), name());
      case PEER_CLAIM -> new PeerClaim(name(), name(), random.nextInt(1000));
      case PEER_RELEASE -> new PeerRelease(name(), name());
      case PEER_STATUS ->
          new PeerStatus(
              name(),
              random.nextBoolean(),
              names(),
              names(),
              names(),
              names(),
              names(),
              random.nextBoolean());
      case ADMIN_STANDBY -> new AdminStandby(name(), scope(), name());
      case ADMIN_TAKEOVER -> new AdminTakeover(name(), scope(), name());
      case ADMIN_CLEANUP -> new AdminCleanup(name(), name(), name());
      case FENCE -> new Fence(name(), name(), phase(), name());
      case PING_STATUS -> new PingStatus(name(), random.nextBoolean(), name());
      case CONFIG_LOADED ->
          new ConfigLoaded(
              name(),
              Long.toHexString(random.nextLong()),
              names(),
              groups(),
              failback(),
              name(),
              guards());
      case DAEMON_STARTED -> new DaemonStarted(name(), random.nextLong(1, 4_194_304));
      case DAEMON_STOPPED -> new DaemonStopped(name());
      case DAEMON_STOPPING -> new DaemonStopping(name());
      case CHECKPOINT ->
          new Checkpoint(
              random.nextLong(0, 1L << 40),
              Long.toHexString(random.nextLong()),
              name(),
              Long.toHexString(random.nextLong()));
    };
  }

  private ConfigLoaded.Guards guards() {
    if (random.nextBoolean()) {
      return ConfigLoaded.Guards.NONE;
    }
    final List<Integer> votes = new ArrayList<>();
    for (int i = random.nextInt(0, 4); i > 0; i--) {
      votes.add(random.nextInt(0, 5));
    }
    return new ConfigLoaded.Guards(
        random.nextBoolean() ? Quorum.OFF : Quorum.MAJORITY,
        votes,
        random.nextBoolean() ? "" : name(),
        micros(),
        names());
  }

  /** A random epoch-microsecond time in 2020..2030. */
  public long time() {
    return random.nextLong(1_577_836_800_000_000L, 1_893_456_000_000_000L);
  }

  private String name() {
    return NAMES[random.nextInt(NAMES.length)];
  }

  private long micros() {
    return random.nextLong(0, 120_000_000);
  }

  private int count() {
    return random.nextInt(0, 1000);
  }

  private List<NodeDead.LinkEvidence> links() {
    final int n = random.nextInt(0, 5);
    final List<NodeDead.LinkEvidence> links = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      links.add(
          new NodeDead.LinkEvidence(
              name(), random.nextBoolean() ? time() : NodeDead.LinkEvidence.NEVER));
    }
    return links;
  }

  private List<String> names() {
    final int n = random.nextInt(0, 4);
    final List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(name());
    }
    return names;
  }

  private List<ConfigLoaded.Group> groups() {
    final int n = random.nextInt(0, 4);
    final List<ConfigLoaded.Group> groups = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      groups.add(new ConfigLoaded.Group(name(), name(), names()));
    }
    return groups;
  }

  private Failback failback() {
    final Failback[] values = Failback.values();
    return values[random.nextInt(values.length)];
  }

  private Phase phase() {
    return Phase.values()[random.nextInt(Phase.values().length)];
  }

  private Scope scope() {
    return Scope.values()[random.nextInt(Scope.values().length)];
  }
}
