package io.systole.engine.sim;

import io.systole.engine.agent.Announcement;
import io.systole.engine.agent.ClusterAgent;
import io.systole.engine.agent.ClusterLogic;
import io.systole.engine.detect.DetectorTimings;
import io.systole.engine.detect.Detectors;
import io.systole.engine.detect.FailureDetector;
import io.systole.engine.policy.Action;
import io.systole.engine.resource.ActionResult;
import io.systole.engine.resource.GroupProcedure;
import io.systole.engine.resource.Verb;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import io.systole.journal.memory.MemoryJournal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One simulated node: the real detector, cluster logic (journal, fold, policy) and announcement
 * handling, with a simulated actuator (the daemon's {@link GroupProcedure} over resources that
 * "truly" run or not, and whose scripts take time and fail as scheduled), so that the simulation
 * can tell what the node believes from what is so. The journal is the node's disk: it survives
 * crashes, and a restarted daemon recovers its state from it.
 */
final class SimNode {
  /** The fencing agent the simulated clusters name: a power switch that always answers. */
  static final String FENCE_AGENT = "sim-switch";

  enum Mode {
    DOWN,
    RUNNING,
    PAUSED
  }

  /** A heartbeat: who sent it, in which daemon life, its sequence, what it says, what was so. */
  record Message(int from, int generation, long seq, Announcement announcement, Set<String> held) {}

  private record Snapshot(long index, ClusterState state) {}

  final Simulation sim;
  final int index;
  final String name;
  final MemoryJournal journal;
  final boolean[] failNextStart;
  private boolean stopping;
  final boolean[] failNextStop;
  Mode mode = Mode.DOWN;
  ClusterLogic logic;
  private ClusterAgent agent;
  private int generation;
  private long seq;
  private final ArrayDeque<Runnable> backlog = new ArrayDeque<>();
  private final List<Set<String>> peerHeld = new ArrayList<>();
  private final int[] heardGeneration;
  private final long[] heardSeq;
  private final boolean[][] running;
  private final List<Snapshot> snapshots = new ArrayList<>();
  private ClusterState lastLive;

  SimNode(final Simulation sim, final int index) {
    this.sim = sim;
    this.index = index;
    this.name = Scenario.nodeName(index);
    this.journal = new MemoryJournal(name, sim::now);
    final int groups = sim.scenario.groups().size();
    this.failNextStart = new boolean[groups];
    this.failNextStop = new boolean[groups];
    this.running = new boolean[groups][];
    for (int g = 0; g < groups; g++) {
      running[g] = new boolean[sim.scenario.groups().get(g).resources().size()];
    }
    this.heardGeneration = new int[sim.nodes.length];
    this.heardSeq = new long[sim.nodes.length];
    for (int i = 0; i < sim.nodes.length; i++) {
      peerHeld.add(Set.of());
    }
  }

  // Life

  void boot() {
    if (mode != Mode.DOWN) {
      return;
    }
    generation++;
    mode = Mode.RUNNING;
    stopping = false;
    final List<String> peers = new ArrayList<>(sim.config.nodes());
    peers.remove(name);
    final List<String> links = new ArrayList<>();
    for (int l = 0; l < Scenario.LINKS; l++) {
      links.add(Scenario.linkName(l));
    }
    final FailureDetector detector =
        Detectors.heartbeat(
            new DetectorTimings(
                Scenario.KEEPALIVE, Scenario.WARNTIME, Scenario.DEADTIME, Scenario.INITDEAD),
            peers,
            links);
    logic = new ClusterLogic(journal, this::act);
    if (lastLive != null && !logic.state().equals(lastLive)) {
      sim.violated("recover", name + " recovered " + logic.state() + " but was " + lastLive);
      return;
    }
    agent = new ClusterAgent(detector, logic, sim.config.nodes());
    java.util.Arrays.fill(heardGeneration, 0);
    java.util.Arrays.fill(heardSeq, 0);
    input(List.of(new DaemonStarted("sim", 1000 + index), sim.config));
    final int life = generation;
    loop(life, sim.now() + 1000, Scenario.KEEPALIVE, this::heartbeat);
    loop(life, sim.now() + 2000, Scenario.TICK, this::tick);
    loop(life, sim.now() + 3000, Scenario.MONITOR, this::monitor);
  }

  /**
   * The daemon's periodic check: a group running here (and not waiting for its restart) whose
   * resource is not running in truth fails its monitor, at the first such resource in start order.
   */
  private void monitor() {
    for (int g = 0; g < running.length; g++) {
      final GroupState gs = logic.state().group(groupName(g));
      if (gs == null
          || gs.local() != GroupStatus.RUNNING
          || gs.recovery() == GroupState.Recovery.RESTART) {
        continue;
      }
      for (int r = 0; r < running[g].length; r++) {
        if (!running[g][r]) {
          input(List.of(new MonitorFailed(gs.name(), resources(g).get(r), "sim: not running")));
          break;
        }
      }
    }
  }

  /** The machine dies ({@code machine}) or only the daemon does. */
  void down(final boolean machine) {
    if (mode == Mode.DOWN) {
      return;
    }
    mode = Mode.DOWN;
    generation++;
    backlog.clear();
    lastLive = logic.state();
    if (machine) {
      for (final boolean[] g : running) {
        java.util.Arrays.fill(g, false);
      }
      sim.truthChanged();
    }
  }

  /** SIGTERM: the daemon gives its groups up; once it has, it journals its stop and is down. */
  void stop() {
    if (mode != Mode.RUNNING) {
      return;
    }
    stopping = true;
    input(List.of(new DaemonStopping("sim")));
  }

  /** The stop's end, checked after every input: the daemon's last words, then it is down. */
  private void stoppedYet() {
    if (stopping && mode == Mode.RUNNING && logic.state().stopDone()) {
      stopping = false;
      send(agent.announcement()); // the releases, at once
      input(List.of(new DaemonStopped("sim")));
      down(false);
    }
  }

  /** Group {@code g}'s last resource dies here, if the group runs here; its monitor notices. */
  void monitorFails(final int g) {
    if (mode != Mode.RUNNING || logic.state().group(groupName(g)).local() != GroupStatus.RUNNING) {
      return;
    }
    final int last = running[g].length - 1;
    running[g][last] = false;
    sim.truthChanged();
    input(List.of(new MonitorFailed(groupName(g), resources(g).get(last), "sim: not running")));
  }

  void pause(final long micros) {
    if (mode != Mode.RUNNING) {
      return;
    }
    mode = Mode.PAUSED;
    final int life = generation;
    final long from = sim.now();
    sim.at(
        sim.now() + micros,
        () -> {
          if (generation != life || mode != Mode.PAUSED) {
            return;
          }
          mode = Mode.RUNNING;
          // As the daemon's ticker: it notices its own pause, and may tick before the messages
          // that waited in the sockets are read (the worst order, so the one simulated).
          agent.paused(from, sim.now());
          tick();
          while (!backlog.isEmpty() && mode == Mode.RUNNING) {
            backlog.poll().run();
          }
        });
  }

  private void loop(final int life, final long at, final long every, final Runnable body) {
    sim.at(
        at,
        () -> {
          if (generation != life) {
            return;
          }
          if (mode == Mode.RUNNING) {
            body.run();
          }
          loop(life, at + every, every, body);
        });
  }

  /** Runs {@code work} now, or after the pause, or never if the daemon died meanwhile. */
  private void whenRunning(final int life, final Runnable work) {
    if (generation != life || mode == Mode.DOWN) {
      return;
    }
    if (mode == Mode.PAUSED) {
      backlog.add(work);
    } else {
      work.run();
    }
  }

  // Inputs

  private void input(final List<? extends Event> events) {
    agent.input(sim.now(), events);
    afterInput();
  }

  private void afterInput() {
    final long last = journal.lastIndex();
    if (snapshots.isEmpty() || snapshots.get(snapshots.size() - 1).index() != last) {
      snapshots.add(new Snapshot(last, logic.state()));
    }
    final Announcement changed = agent.changedAnnouncement();
    if (changed != null) {
      send(changed);
    }
    stoppedYet();
  }

  private void heartbeat() {
    send(agent.announcement());
  }

  private void send(final Announcement a) {
    final Message m = new Message(index, generation, ++seq, a, held());
    for (int to = 0; to < sim.nodes.length; to++) {
      if (to != index) {
        for (int l = 0; l < Scenario.LINKS; l++) {
          sim.send(m, l, to);
        }
      }
    }
  }

  private void tick() {
    agent.tick(sim.now());
    afterInput();
  }

  void receive(final Message m, final int link) {
    whenRunning(generation, () -> onMessage(m, link));
  }

  private void onMessage(final Message m, final int link) {
    // What the sender held when it sent its newest heartbeat that arrived, for invariant 2.
    if (m.generation() > heardGeneration[m.from()]
        || (m.generation() == heardGeneration[m.from()] && m.seq() > heardSeq[m.from()])) {
      heardGeneration[m.from()] = m.generation();
      heardSeq[m.from()] = m.seq();
      peerHeld.set(m.from(), m.held());
    }
    agent.heartbeat(
        sim.now(), m.from(), Scenario.linkName(link), m.generation(), m.seq(), m.announcement());
    afterInput();
  }

  void admin(final Scope scope, final boolean takeover) {
    whenRunning(
        generation,
        () ->
            input(
                List.of(
                    takeover
                        ? new AdminTakeover(name, scope, "sim")
                        : new AdminStandby(name, scope, "sim"))));
  }

  /** The admin's cleanup after the incident: stop by hand whatever failed here, then clear it. */
  void cleanupAll() {
    if (mode != Mode.RUNNING) {
      return;
    }
    final List<Event> cleanups = new ArrayList<>();
    for (int g = 0; g < running.length; g++) {
      final GroupState gs = logic.state().groups().get(g);
      if (gs.local() == GroupStatus.UNCLEAN) {
        java.util.Arrays.fill(running[g], false);
        cleanups.add(new AdminCleanup(name, gs.name(), "sim admin"));
      } else if (gs.failedOn().contains(name)) {
        cleanups.add(new AdminCleanup(name, gs.name(), "sim admin"));
      }
    }
    sim.truthChanged();
    if (!cleanups.isEmpty()) {
      input(cleanups);
    }
  }

  // The actuator: the daemon's GroupProcedure over simulated resources

  private void act(final Action action) {
    if (action instanceof Action.RequestFence fence) {
      fence(fence, 1);
    } else if (action instanceof Action.StartGroup start) {
      checkNobodyHeardHolds(start.group());
      if (!logic.state().quorate()) {
        sim.violated("quorum", name + " starts " + start.group() + " without quorum");
      }
      drive(start.group(), true);
    } else if (action instanceof Action.StopGroup stop) {
      drive(stop.group(), false);
    }
  }

  /**
   * Carries out a fencing request as the daemon's fence runner does: after the policy's delay, the
   * switch resets the target (its machine dies at once and boots a few seconds later) and this node
   * hears of it when the attempt ends; an attempt may fail, and is retried after a backoff. A
   * request whose target is heard again before the attempt is dropped, as the runner cancels it.
   */
  private void fence(final Action.RequestFence request, final int attempt) {
    final int target = Integer.parseInt(request.node().substring(2)) - 1;
    if (target == index) {
      sim.violated("no-self-fence", name + " asked to fence itself: " + request.reason());
      return;
    }
    final int life = generation;
    final long wait =
        attempt == 1 ? request.delayMicros() : Math.min(60_000_000L, 1_000_000L << (attempt - 2));
    final long takes = 100_000L + sim.random.nextLong(1_500_000L);
    sim.at(
        sim.now() + wait + takes,
        () ->
            whenRunning(
                life,
                () -> {
                  if (logic.state().node(request.node()).status() == NodeStatus.UP) {
                    return; // heard again: cancelled
                  }
                  if (sim.random.nextInt(5) == 0) {
                    input(
                        List.of(
                            new Fence(
                                request.node(),
                                FENCE_AGENT,
                                Phase.FAILED,
                                "attempt " + attempt + ": sim: the switch did not answer")));
                    fence(request, attempt + 1);
                    return;
                  }
                  sim.nodes[target].reset();
                  input(
                      List.of(
                          new Fence(
                              request.node(),
                              FENCE_AGENT,
                              Phase.SUCCEEDED,
                              "reset by the sim switch (attempt " + attempt + ")")));
                }));
  }

  /** A fence agent reset this machine: it dies at once and boots again a few seconds later. */
  void reset() {
    down(true);
    // A daemon killed before (kill -9) left its resources running: the reset stops them too.
    for (final boolean[] g : running) {
      java.util.Arrays.fill(g, false);
    }
    sim.truthChanged();
    final int life = generation;
    sim.at(
        sim.now() + 3_000_000L + sim.random.nextLong(5_000_000L),
        () -> {
          if (generation == life) {
            boot();
          }
        });
  }

  /** Runs the group's start or stop as the daemon does, step by step on the virtual clock. */
  private void drive(final String group, final boolean start) {
    final int g = logic.state().groupIndex(group);
    final List<String> rs = resources(g);
    final GroupProcedure procedure =
        start ? GroupProcedure.start(group, rs) : GroupProcedure.stop(group, rs);
    final int life = generation;
    sim.at(sim.now(), () -> step(g, procedure, procedure.first(), life));
  }

  /** Journals what the step gives, then runs its operation, which takes a while. */
  private void step(
      final int g, final GroupProcedure procedure, final GroupProcedure.Step step, final int life) {
    for (final Event e : step.events()) {
      report(life, e);
    }
    if (step.done()) {
      return;
    }
    final GroupProcedure.Operation op = step.next();
    final long takes =
        op.verb() == Verb.STATUS
            ? 5_000 + sim.random.nextLong(20_000)
            : 20_000 + sim.random.nextLong(200_000);
    sim.at(
        sim.now() + takes,
        () -> {
          if (generation != life) {
            return; // the daemon died and its scripts with it
          }
          step(g, procedure, procedure.next(operate(g, op)), life);
        });
  }

  /** What a resource script would do: change what truly runs, or fail as the schedule says. */
  private ActionResult operate(final int g, final GroupProcedure.Operation op) {
    final int r = op.resource();
    final ActionResult failed = new ActionResult(ActionResult.Status.FAILED, 1, "exit 1");
    switch (op.verb()) {
      case START -> {
        if (failNextStart[g] && sim.random.nextInt(running[g].length - r) == 0) {
          failNextStart[g] = false;
          return failed;
        }
      }
      case STOP -> {
        if (failNextStop[g]) {
          failNextStop[g] = false;
          return failed;
        }
      }
      default -> {
        return running[g][r] ? ActionResult.success() : ActionResult.notRunning("");
      }
    }
    running[g][r] = op.verb() == Verb.START;
    sim.truthChanged();
    return ActionResult.success();
  }

  /** Invariant 2: a node never starts a group that a node it hears holds. */
  private void checkNobodyHeardHolds(final String group) {
    for (int p = 0; p < sim.nodes.length; p++) {
      if (p != index
          && logic.state().node(Scenario.nodeName(p)).status() == NodeStatus.UP
          && peerHeld.get(p).contains(group)) {
        sim.violated(
            "no-start-while-held",
            name
                + " starts "
                + group
                + " while it hears "
                + Scenario.nodeName(p)
                + ", which holds it");
      }
    }
  }

  private List<String> resources(final int g) {
    return sim.scenario.groups().get(g).resources();
  }

  private String groupName(final int g) {
    return sim.scenario.groups().get(g).name();
  }

  private void report(final int life, final Event event) {
    whenRunning(life, () -> input(List.of(event)));
  }

  // What is so

  boolean trulyRuns(final int g) {
    for (final boolean r : running[g]) {
      if (r) {
        return true;
      }
    }
    return false;
  }

  boolean trulyRunsAll(final int g) {
    for (final boolean r : running[g]) {
      if (!r) {
        return false;
      }
    }
    return true;
  }

  /** The groups this node may be running: by its own account, or in truth. */
  private Set<String> held() {
    final List<String> held = new ArrayList<>();
    final ClusterState s = logic.state();
    for (int g = 0; g < running.length; g++) {
      if (trulyRuns(g) || s.groups().get(g).local().held()) {
        held.add(groupName(g));
      }
    }
    return Set.copyOf(held);
  }

  /** Invariants 3 and 4: the journal folds to each live state, and replays to each decision. */
  void checkJournal() {
    final List<Entry> entries = new ArrayList<>();
    try (JournalReader reader = journal.reader(0)) {
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        entries.add(e);
      }
    }
    ClusterState s = ClusterState.initial(name);
    int next = 0;
    for (final Entry e : entries) {
      s = Fold.apply(s, e);
      while (next < snapshots.size() && snapshots.get(next).index() < e.index()) {
        next++;
      }
      if (next < snapshots.size()
          && snapshots.get(next).index() == e.index()
          && !snapshots.get(next).state().equals(s)) {
        sim.violated(
            "fold-equals-live",
            name + " at entry " + e.index() + ": fold " + s + " but live " + snapshots.get(next));
        return;
      }
    }
    sim.checkReplay(this, entries);
  }
}
