package io.systole.bench;

import io.systole.engine.agent.Announcement;
import io.systole.engine.agent.ClusterLogic;
import io.systole.engine.policy.Action;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.Entry;
import io.systole.journal.Journal;
import io.systole.journal.JournalReader;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import io.systole.journal.memory.MemoryJournal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The journal node {@code ha1} of a 2- or 3-node cluster writes over days of incidents, made by
 * simulating the whole cluster: every node runs its own {@link ClusterLogic} (fold and policy), a
 * scripted failure detector feeds each node the transitions it would see, a scripted actuator
 * journals each resource's start and stop, and what each node announces (readiness, claims,
 * releases, failed, standby and takeover marks) is delivered to the peers that hear it as {@link
 * PeerStatus}, {@link PeerClaim} and {@link PeerRelease} entries. Only {@code ha1}'s journal is
 * kept (a {@link MemoryJournal}: real frames, read back and decoded); the peers' go nowhere.
 *
 * <p>A day, hour by hour on a virtual clock: late-heartbeat warnings every hour (the most frequent
 * entries), three flaps of the serial link to a peer, one node crashing (declared dead by the
 * others, who take over its groups) and coming back an hour later (recovers what it held, gets its
 * groups back by failback), an admin's {@code hb_standby local} and {@code hb_takeover local} on
 * one node, every fifth day a resource that fails to start on the node taking a group over and is
 * cleaned up by the admin later, and once a week a configuration reload. The victim and the admin's
 * node rotate over the nodes, {@code ha1} included.
 */
final class IncidentJournal {
  /** The node whose journal is kept. */
  static final String SELF = "ha1";

  static final String BCAST = "bcast eth1";
  static final String SERIAL = "serial /dev/ttyS0";

  private static final long HOUR_MICROS = TimeUnit.HOURS.toMicros(1);
  private static final long STEP_MICROS = 1_000L;
  private static final long WARNTIME_MICROS = 10_000_000L;
  private static final long DEADTIME_MICROS = 30_000_000L;
  private static final int MAX_ROUNDS = 1_000;

  private final List<String> names = new ArrayList<>();
  private final ConfigLoaded config;
  private final Map<String, ClusterLogic> logic = new LinkedHashMap<>();
  private final Map<String, Deque<Action>> pending = new LinkedHashMap<>();
  private final Set<String> down = new HashSet<>();
  private final MemoryJournal selfJournal;
  private final Random random = new Random(42);
  private long now = TypicalEvents.T0_MICROS;
  private long pid = 4_000;
  private boolean failNextStart;
  private String failedNode;
  private String failedGroup;

  private IncidentJournal(final int nodes) {
    for (int n = 1; n <= nodes; n++) {
      names.add("ha" + n);
    }
    config = layout(names);
    selfJournal = new MemoryJournal(SELF);
    for (final String name : names) {
      final Deque<Action> queue = new ArrayDeque<>();
      final Journal journal = SELF.equals(name) ? selfJournal : new Forgetful(name);
      pending.put(name, queue);
      logic.put(name, new ClusterLogic(journal, queue::add));
    }
  }

  /**
   * The first {@code entries} entries of {@code ha1}'s journal, decoded, in a cluster of {@code
   * nodes} nodes; the simulation runs whole days until the journal holds at least that many.
   *
   * @param check called with the whole journal and {@code ha1}'s live state before the cut
   */
  static Entry[] build(final int nodes, final int entries, final Checker check) {
    final IncidentJournal sim = new IncidentJournal(nodes);
    sim.boot();
    int day = 0;
    while (sim.selfJournal.lastIndex() + 1 < entries) {
      sim.day(day++);
    }
    final List<Entry> all = new ArrayList<>(entries + 10_000);
    try (JournalReader reader = sim.selfJournal.reader(0)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        all.add(e);
      }
    }
    sim.selfJournal.close();
    check.check(all, sim.logic.get(SELF).state(), day);
    return all.subList(0, entries).toArray(new Entry[0]);
  }

  /** Checks the simulated journal before it is cut to size. */
  @FunctionalInterface
  interface Checker {
    /** Fails when {@code all} is not what it should be; {@code live} is ha1's state at its end. */
    void check(List<Entry> all, ClusterState live, int days);
  }

  /** Three groups of 2 to 4 resources, preferred by ha1, ha2 and ha3 (ha1 again on 2 nodes). */
  private static ConfigLoaded layout(final List<String> nodes) {
    final List<ConfigLoaded.Group> groups =
        List.of(
            group(
                nodes.get(0),
                "IPaddr::192.168.85.10/24/eth1",
                "Filesystem::/dev/drbd0::/srv/www::ext4",
                "httpd"),
            group(
                nodes.get(1),
                "IPaddr::192.168.85.20/24/eth1",
                "Filesystem::/dev/drbd1::/var/lib/mysql::ext4",
                "mysql",
                "MailTo::ops@example.com::mysql"),
            group(nodes.get(2 % nodes.size()), "IPaddr::192.168.85.30/24/eth1", "nfs-server"));
    return new ConfigLoaded(
        "/etc/ha.d",
        "5e0f1c5a8d2b4e7f9a3c6d1e0b2f4a6c8e1d3f5a7b9c0e2d4f6a8b1c3e5d7f90",
        nodes,
        groups,
        Failback.ON,
        "");
  }

  private static ConfigLoaded.Group group(final String preferred, final String... resources) {
    return new ConfigLoaded.Group(resources[0], preferred, List.of(resources));
  }

  // The script

  private void boot() {
    for (final String node : names) {
      input(node, new DaemonStarted("0.1.0", pid++), config);
    }
    for (final String a : names) {
      for (final String b : names) {
        if (!a.equals(b)) {
          input(a, new NodeUp(b, BCAST), new LinkUp(b, SERIAL));
        }
      }
    }
    settle();
  }

  private void day(final int day) {
    final String victim = names.get((day + 1) % names.size());
    final String admin = names.get(day % names.size());
    for (int hour = 0; hour < 24; hour++) {
      now += HOUR_MICROS;
      warnings(random.nextInt(11));
      switch (hour) {
        case 2, 11, 19 -> flap(names.get(1 + hour % (names.size() - 1)));
        case 6 -> {
          failNextStart = day % 5 == 0;
          crash(victim);
        }
        case 7 -> recover(victim);
        case 9 -> cleanup();
        case 13 -> input(admin, new AdminStandby(admin, Scope.LOCAL, "hb_standby"));
        case 15 -> input(admin, new AdminTakeover(admin, Scope.LOCAL, "hb_takeover"));
        case 22 -> {
          if (day % 7 == 6) {
            for (final String node : names) {
              input(node, config);
            }
          }
        }
        default -> {}
      }
      settle();
    }
  }

  /** Late heartbeats heard by ha1, each from a peer it sees up, on either link. */
  private void warnings(final int count) {
    for (int i = 0; i < count; i++) {
      final String peer = names.get(1 + random.nextInt(names.size() - 1));
      if (!hears(SELF, peer)) {
        continue;
      }
      final long late = WARNTIME_MICROS + random.nextInt(8_000_000);
      final String link = random.nextInt(4) == 0 ? SERIAL : BCAST;
      now += random.nextInt(60_000_000);
      input(SELF, new NodeWarn(peer, link, now - late, late - WARNTIME_MICROS));
    }
  }

  /** The serial link to {@code peer} goes quiet for a deadtime and comes back, seen by all. */
  private void flap(final String peer) {
    if (down.contains(peer)) {
      return;
    }
    for (final String a : alive()) {
      if (!a.equals(peer)) {
        input(a, new LinkDead(peer, SERIAL, now - DEADTIME_MICROS, DEADTIME_MICROS));
      }
    }
    now += 5 * DEADTIME_MICROS;
    for (final String a : alive()) {
      if (!a.equals(peer)) {
        input(a, new LinkUp(peer, SERIAL));
      }
    }
  }

  /** {@code victim} stops dead; each survivor warns, loses both links, declares it dead. */
  private void crash(final String victim) {
    down.add(victim);
    pending.get(victim).clear();
    final long last = now;
    now += DEADTIME_MICROS;
    for (final String a : alive()) {
      input(a, new NodeWarn(victim, BCAST, last, 1_000_000L));
      input(a, new LinkDead(victim, SERIAL, last - 250_000L, DEADTIME_MICROS));
      input(a, new LinkDead(victim, BCAST, last, DEADTIME_MICROS));
      input(
          a,
          new NodeDead(
              victim,
              DEADTIME_MICROS,
              false,
              0,
              List.of(new LinkEvidence(BCAST, last), new LinkEvidence(SERIAL, last - 250_000L))));
    }
  }

  /** {@code victim} restarts after its crash, and it and its peers hear each other again. */
  private void recover(final String victim) {
    down.remove(victim);
    input(victim, new DaemonStarted("0.1.0", pid++), config);
    for (final String a : alive()) {
      if (!a.equals(victim)) {
        input(victim, new NodeUp(a, BCAST), new LinkUp(a, SERIAL));
        input(a, new NodeUp(victim, BCAST), new LinkUp(victim, SERIAL));
      }
    }
  }

  /** The admin clears the failed start injected this day, on the node where it failed. */
  private void cleanup() {
    failNextStart = false;
    if (failedNode != null && !down.contains(failedNode)) {
      input(failedNode, new AdminCleanup(failedNode, failedGroup, "hb_cleanup"));
    }
    failedNode = null;
    failedGroup = null;
  }

  // The simulated cluster

  private List<String> alive() {
    final List<String> alive = new ArrayList<>(names);
    alive.removeAll(down);
    return alive;
  }

  /** Whether {@code a} hears {@code b}: both run and {@code a} sees {@code b} up. */
  private boolean hears(final String a, final String b) {
    if (down.contains(a) || down.contains(b)) {
      return false;
    }
    final NodeState n = logic.get(a).state().node(b);
    return n != null && n.status() == NodeStatus.UP;
  }

  /** {@code node} journals and folds {@code events}, then decides. */
  private void input(final String node, final Event... events) {
    now += STEP_MICROS;
    logic.get(node).accept(now, List.of(events));
  }

  /**
   * Runs every node's actions and delivers every node's announcements until nothing changes: the
   * cluster after an input, once the heartbeats have carried the news.
   */
  private void settle() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = false;
      for (final String node : alive()) {
        changed |= act(node);
      }
      for (final String a : alive()) {
        for (final String b : alive()) {
          changed |= !a.equals(b) && hears(a, b) && announce(b, a);
        }
      }
      if (!changed) {
        return;
      }
    }
    throw new IllegalStateException("the simulated cluster did not settle: " + logic);
  }

  /** Carries out {@code node}'s pending actions; true if there were any. */
  private boolean act(final String node) {
    final Deque<Action> queue = pending.get(node);
    final boolean any = !queue.isEmpty();
    while (!queue.isEmpty()) {
      final Action a = queue.poll();
      if (a instanceof Action.StartGroup start) {
        start(node, start.group());
      } else if (a instanceof Action.StopGroup stop) {
        stop(node, stop.group());
      }
    }
    return any;
  }

  /** The actuator: starts {@code group}'s resources in order, journaling each step. */
  private void start(final String node, final String group) {
    final ClusterLogic l = logic.get(node);
    final List<String> resources = resources(group);
    for (int i = 0; i < resources.size(); i++) {
      final String r = resources.get(i);
      now += STEP_MICROS;
      l.record(now, new ResourceStart(group, r, Phase.REQUESTED, ""));
      now += 200 * STEP_MICROS;
      if (failNextStart && i == resources.size() - 1) {
        failNextStart = false;
        failedNode = node;
        failedGroup = group;
        l.record(now, new ResourceStart(group, r, Phase.FAILED, "exit 1"));
        for (int j = i - 1; j >= 0; j--) {
          stopResource(l, group, resources.get(j));
        }
        l.record(now, new GroupStart(group, Phase.FAILED, "resource " + r + ": exit 1"));
        l.decide(now);
        return;
      }
      l.record(now, new ResourceStart(group, r, Phase.SUCCEEDED, "exit 0"));
    }
    l.record(now, new GroupStart(group, Phase.SUCCEEDED, ""));
    l.decide(now);
  }

  /** The actuator: stops {@code group}'s resources in reverse order. */
  private void stop(final String node, final String group) {
    final ClusterLogic l = logic.get(node);
    final List<String> resources = resources(group);
    for (int j = resources.size() - 1; j >= 0; j--) {
      stopResource(l, group, resources.get(j));
    }
    l.record(now, new GroupStop(group, Phase.SUCCEEDED, ""));
    l.decide(now);
  }

  private void stopResource(final ClusterLogic l, final String group, final String resource) {
    now += STEP_MICROS;
    l.record(now, new ResourceStop(group, resource, Phase.REQUESTED, ""));
    now += 100 * STEP_MICROS;
    l.record(now, new ResourceStop(group, resource, Phase.SUCCEEDED, "exit 0"));
  }

  private List<String> resources(final String group) {
    for (final ConfigLoaded.Group g : config.groups()) {
      if (g.name().equals(group)) {
        return g.resources();
      }
    }
    throw new IllegalStateException("no group " + group);
  }

  /**
   * Delivers to {@code to} what {@code from} announces and {@code to} has not journaled yet, as a
   * heartbeat would. True if anything was delivered.
   */
  private boolean announce(final String from, final String to) {
    final List<Event> news =
        Announcement.of(logic.get(from).state()).changes(logic.get(to).state());
    if (news.isEmpty()) {
      return false;
    }
    now += STEP_MICROS;
    logic.get(to).accept(now, news);
    return true;
  }

  /** A peer's journal: the benchmark reads only ha1's, so the peers' keep nothing. */
  private static final class Forgetful implements Journal {
    private final String node;
    private long next;

    Forgetful(final String node) {
      this.node = node;
    }

    @Override
    public String node() {
      return node;
    }

    @Override
    public long append(final Event event) {
      return next++;
    }

    @Override
    public long append(final long timeMicros, final Event event) {
      return next++;
    }

    @Override
    public long firstIndex() {
      return NONE;
    }

    @Override
    public byte[] headDigest() {
      throw new IllegalStateException(node + ": a forgetful journal keeps no chain to sign");
    }

    @Override
    public long lastIndex() {
      return next - 1;
    }

    @Override
    public JournalReader reader(final long fromIndex) {
      return new JournalReader() {
        @Override
        public Entry poll() {
          return null;
        }

        @Override
        public Entry next(final long timeout, final TimeUnit unit) {
          return null;
        }

        @Override
        public boolean pollFrame(final FrameHandler handler) {
          return false;
        }

        @Override
        public long nextIndex() {
          return next;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
