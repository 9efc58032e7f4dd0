package io.systole.journal.chronicle;

import io.systole.journal.EventGenerator;
import java.nio.file.Path;

/**
 * The child process of {@link JournalCrashIT}: opens the journal in {@code args[0]}, says "ready"
 * on stdout with the index it starts at, and appends seeded random events as fast as it can until
 * it is killed. Every event type and size comes up, so a kill lands inside all of them.
 */
public final class CrashWriter {
  private CrashWriter() {}

  /** The journal options: daily files, or with "secondly" a new file every second. */
  static ChronicleOptions options(final String[] args) {
    final ChronicleOptions daily = ChronicleOptions.forNode("ha1");
    return args.length > 2 && args[2].equals("secondly")
        ? daily.withRollCycle(net.openhft.chronicle.queue.rollcycles.TestRollCycles.TEST_SECONDLY)
        : daily;
  }

  /** Entry point: {@code CrashWriter DIR SEED [secondly]}. */
  public static void main(final String[] args) {
    final EventGenerator gen = new EventGenerator(Long.parseLong(args[1]));
    try (ChronicleJournal journal = ChronicleJournal.open(Path.of(args[0]), options(args))) {
      System.out.println("ready " + (journal.lastIndex() + 1));
      System.out.flush();
      while (true) {
        journal.append(gen.next());
      }
    }
  }
}
