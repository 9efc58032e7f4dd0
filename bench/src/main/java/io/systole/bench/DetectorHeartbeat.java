package io.systole.bench;

import io.systole.engine.detect.DetectorTimings;
import io.systole.engine.detect.Detectors;
import io.systole.engine.detect.FailureDetector;
import io.systole.journal.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The failure detector's cost per heartbeat in the steady state, on a virtual clock: {@link
 * #onHeartbeat} is one {@link FailureDetector#onHeartbeat} from a peer already up on a live link
 * (the hot path, which must return the shared empty list and allocate nothing), {@link #onTick} one
 * {@link FailureDetector#onTick} on a quiet cluster (every link heard within a keepalive, nothing
 * to report), and {@link #harness} the baseline: the same clock step and choice of sender without
 * the detector. Each runs for Heartbeat's fixed-deadtime detector and for phi accrual, on a 2-node
 * and an 8-node cluster with two links (1 or 7 peers, 2 or 14 peer links), with Heartbeat's sample
 * timings (keepalive 2 s, warntime 10 s, deadtime 30 s, initdead 120 s). The set-up brings every
 * peer up and runs past initdead and a full phi window before anything is measured, and fails if
 * the detector is not then quiet.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DetectorHeartbeat extends RunLength {
  /** Heartbeat's sample ha.cf timings, in microseconds. */
  static final DetectorTimings TIMINGS =
      new DetectorTimings(2_000_000L, 10_000_000L, 30_000_000L, 120_000_000L);

  /** φ at which phi accrual declares a link dead: the {@code systole_phi_threshold} default. */
  static final double PHI_THRESHOLD = 8.0;

  /** The links every peer is heard on: a broadcast interface and a serial line. */
  static final List<String> LINKS = List.of("eth1", "/dev/ttyS0");

  /** Rounds of heartbeats before measuring: past initdead and more than a full phi window. */
  private static final int WARM_ROUNDS =
      (int) (TIMINGS.initdeadMicros() / TIMINGS.keepaliveMicros()) + 2 * Detectors.PHI_WINDOW;

  /** The detector: {@code heartbeat} (fixed deadtime) or {@code phi} (phi accrual). */
  @Param({"heartbeat", "phi"})
  public String detector;

  /** Nodes in the cluster, this one included. */
  @Param({"2", "8"})
  public int nodes;

  private FailureDetector failureDetector;
  private String[] senders;
  private String[] senderLinks;
  private int next;
  private long stepMicros;
  private long nowMicros;
  private long quietTickMicros;

  /**
   * Builds the detector, brings every peer up on every link, and runs {@link #WARM_ROUNDS} rounds
   * of heartbeats and ticks, one keepalive apart, so the measured calls see the steady state.
   */
  @Setup(Level.Trial)
  public void bringUp() {
    final List<String> peers = new ArrayList<>();
    for (int n = 2; n <= nodes; n++) {
      peers.add("ha" + n);
    }
    failureDetector =
        "phi".equals(detector)
            ? Detectors.phi(TIMINGS, PHI_THRESHOLD, TIMINGS.deadtimeMicros(), peers, LINKS)
            : Detectors.heartbeat(TIMINGS, peers, LINKS);
    // The caller's names are equal to the detector's but not the same instances, as names decoded
    // from a packet would be: the lookups compare characters rather than references.
    final int pairs = peers.size() * LINKS.size();
    senders = new String[pairs];
    senderLinks = new String[pairs];
    for (int i = 0; i < pairs; i++) {
      senders[i] = new String(peers.get(i / LINKS.size()));
      senderLinks[i] = new String(LINKS.get(i % LINKS.size()));
    }
    // Each peer link is heard once per keepalive, the heartbeats spread evenly over it.
    stepMicros = TIMINGS.keepaliveMicros() / pairs;
    nowMicros = TypicalEvents.T0_MICROS;
    for (int round = 0; round < WARM_ROUNDS; round++) {
      for (int i = 0; i < pairs; i++) {
        final List<Event> up = failureDetector.onHeartbeat(senders[i], senderLinks[i], nowMicros);
        expectQuiet(round > 0 ? up : List.of(), "heartbeat");
        nowMicros += stepMicros;
      }
      expectQuiet(failureDetector.onTick(nowMicros), "tick");
    }
    quietTickMicros = nowMicros + TIMINGS.keepaliveMicros() / 2;
    expectQuiet(failureDetector.onTick(quietTickMicros), "tick");
    final List<Event> empty = List.of();
    if (failureDetector.onHeartbeat(senders[0], senderLinks[0], nowMicros) != empty) {
      throw new IllegalStateException("the hot path did not return the shared empty list");
    }
    next = 1 % pairs;
  }

  /** Moves the clock on by one step and returns the sender whose turn it is. */
  private int nextSender() {
    final int i = next;
    next = i + 1 == senders.length ? 0 : i + 1;
    nowMicros += stepMicros;
    return i;
  }

  private void expectQuiet(final List<Event> events, final String call) {
    if (!events.isEmpty()) {
      throw new IllegalStateException(
          detector + " detector, " + nodes + " nodes: steady-state " + call + " gave " + events);
    }
  }

  /** One heartbeat from a peer already up, on a live link; the clock moves on by one step. */
  @Benchmark
  public void onHeartbeat(final Blackhole bh) {
    final int i = nextSender();
    bh.consume(failureDetector.onHeartbeat(senders[i], senderLinks[i], nowMicros));
  }

  /**
   * One tick on a quiet cluster: half a keepalive after the last round of heartbeats, so every link
   * is checked and none is late. The detector is pure, so the same instant can be ticked again.
   */
  @Benchmark
  public void onTick(final Blackhole bh) {
    bh.consume(failureDetector.onTick(quietTickMicros));
  }

  /** Baseline: the clock step and the choice of sender of {@link #onHeartbeat}, no detector. */
  @Benchmark
  public void harness(final Blackhole bh) {
    final int i = nextSender();
    bh.consume(senders[i]);
    bh.consume(senderLinks[i]);
    bh.consume(nowMicros);
  }
}
