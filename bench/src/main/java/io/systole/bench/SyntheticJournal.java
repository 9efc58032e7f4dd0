package io.systole.bench;

import io.systole.engine.agent.ClusterLogic;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's journal of any length, written by the real {@link ClusterLogic} straight into a
 * Chronicle journal (nothing held in memory), so that every decision in it re-derives and {@code
 * journal replay --check} walks it to the end. Node ha1 of ha1 and ha2, auto_failback on: after the
 * start-up, a cycle repeats of late-heartbeat warnings, a serial link flap, ha2 dying (ha1 takes g2
 * over) and coming back (g2 fails back), so about one entry in five is a decision.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.systole.bench.SyntheticJournal DIR ENTRIES}
 * writes one for the tools to be measured on.
 */
public final class SyntheticJournal {
  private static final String BCAST = "bcast eth1";
  private static final String SERIAL = "serial /dev/ttyS0";
  private static final long STEP_MICROS = 1_000L;
  private static final ConfigLoaded CONFIG =
      new ConfigLoaded(
          "/etc/ha.d",
          "5e1f",
          List.of("ha1", "ha2"),
          List.of(
              new ConfigLoaded.Group("g1", "ha1", List.of("IPaddr::10.0.0.10", "httpd")),
              new ConfigLoaded.Group("g2", "ha2", List.of("IPaddr::10.0.0.11", "mysql"))),
          Failback.ON,
          "");

  private final ClusterLogic logic;
  private long now = TypicalEvents.T0_MICROS;

  private SyntheticJournal(final ChronicleJournal journal) {
    this.logic = new ClusterLogic(journal, action -> {});
  }

  /** Writes a journal of at least {@code entries} entries into {@code dir} and closes it. */
  public static Path write(final Path dir, final long entries) {
    try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleOptions.forNode("ha1"))) {
      final SyntheticJournal w = new SyntheticJournal(journal);
      w.in(new DaemonStarted("bench", 1));
      w.in(CONFIG);
      w.in(new NodeUp("ha2", BCAST));
      w.in(new PeerStatus("ha2", true, List.of(), List.of(), List.of()));
      w.in(new GroupStart("g1", Phase.SUCCEEDED, ""));
      w.in(new PeerClaim("ha2", "g2", 1));
      for (long term = 2; journal.lastIndex() + 1 < entries; term++) {
        w.cycle(term);
      }
    }
    return dir;
  }

  private void cycle(final long term) {
    for (int i = 0; i < 8; i++) {
      in(new NodeWarn("ha2", BCAST, now - 11_000_000L, 1_000_000L));
    }
    in(new LinkDead("ha2", SERIAL, now - 31_000_000L, 30_000_000L));
    in(new LinkUp("ha2", SERIAL));
    in(new NodeDead("ha2", 30_000_000L, false, 0, List.of()));
    in(new GroupStart("g2", Phase.SUCCEEDED, ""));
    in(new NodeUp("ha2", BCAST));
    in(new PeerStatus("ha2", true, List.of(), List.of(), List.of()));
    in(new GroupStop("g2", Phase.SUCCEEDED, ""));
    in(new PeerClaim("ha2", "g2", term));
  }

  private void in(final Event event) {
    now += STEP_MICROS;
    logic.accept(now, List.of(event));
  }

  /**
   * Writes {@code ENTRIES} entries (default ten million) into {@code DIR}.
   *
   * @param args DIR [ENTRIES]
   */
  public static void main(final String[] args) {
    final long entries = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
    final long start = System.nanoTime();
    write(Path.of(args[0]), entries);
    final java.io.PrintStream out = System.out;
    out.printf(
        "wrote %,d+ entries to %s in %.1f s%n",
        entries, args[0], (System.nanoTime() - start) / 1e9);
  }
}
