package io.systole.tools;

import io.systole.engine.replay.ReplayCheck;
import io.systole.journal.Entry;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code systole journal replay DIR}: a node's journal as the node lived it. Every entry prints as
 * {@code dump} prints it, followed by what it changed in the node's state ({@link StateDiff}) and
 * what the policy derives after it, each action with its reason. {@code --at} prints the whole
 * state at one point instead ({@link StateText}); {@code --check} re-derives every recorded
 * decision with {@link ReplayCheck} and reports the first difference. The state is always folded
 * from the journal's first entry, whatever {@code --from} shows. With {@code --json}, one JSON
 * object per line; tools/JSON.md documents the fields.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a node's journal: each entry, what it changed in the state, what the policy decides.",
      "IDX is an index as dump prints it; TIME is ISO-8601 (2026-11-25T07:25:38Z, or"
          + " 2026-11-25T08:25:38 in the local zone, UTC with --utc), or a time of day"
          + " (08:25:38) on the day of the journal's first entry."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:replayed (with --check: every recorded decision re-derived)",
      " 1:an entry could not be read, or (--check) a recorded decision differs",
      " 2:a usage error, a directory that is not a journal, an empty journal, an index out of"
          + " range"
    })
final class JournalReplayCommand implements Callable<Integer> {
  @Mixin JournalToolOptions options;

  @Mixin JournalDirectory journalDir;

  @Option(
      names = "--from",
      paramLabel = "IDX|TIME",
      description = "Show entries from this one (default: the first).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "IDX|TIME",
      description = "Show entries up to this one, included (default: the last).")
  String to;

  @Option(
      names = "--at",
      paramLabel = "IDX|TIME",
      description =
          "Print the whole state after this entry (after the last entry at or before TIME)"
              + " instead of the entries.")
  String at;

  @Option(
      names = "--check",
      description =
          "Re-derive every decision and compare it with what the node recorded; report the"
              + " first difference (exit 1).")
  boolean check;

  @Option(names = "--json", description = "One JSON object per line (see tools/JSON.md).")
  boolean json;

  @Option(
      names = "--force",
      description =
          "Go on past an entry that cannot be read (damaged, tampered, of a newer Systole): report"
              + " it on stderr, mark its place in the output, fold the entries that can be read."
              + " The state after a skipped entry may differ from the node's; the exit status is"
              + " still 1.")
  boolean force;

  @Override
  public Integer call() {
    if ((at != null || check) && (from != null || to != null) || at != null && check) {
      throw options.usageError("--at, --check and --from/--to each replay differently: give one");
    }
    final TimeArgument fromPoint;
    final TimeArgument toPoint;
    final TimeArgument atPoint;
    try {
      fromPoint = point("--from", from);
      toPoint = point("--to", to);
      atPoint = point("--at", at);
    } catch (IllegalArgumentException e) {
      options.error(e.getMessage(), null);
      return SystoleCommand.USAGE;
    }
    final ChronicleJournal journal = NonEmptyJournal.open(options, journalDir.dir);
    if (journal == null) {
      return SystoleCommand.USAGE;
    }
    try (journal) {
      final long first = journal.firstIndex();
      if (first > 0) {
        options.error(
            "entries before index "
                + first
                + " were removed by retention: the state is folded from index "
                + first
                + " and may differ from the node's",
            null);
      }
      if (check) {
        return check(journal);
      }
      final Entry firstEntry;
      try (JournalReader reader = journal.reader(first)) {
        firstEntry = reader.poll();
      }
      try {
        return atPoint != null
            ? at(journal, firstEntry, atPoint)
            : replay(journal, firstEntry, fromPoint, toPoint);
      } catch (IllegalArgumentException e) {
        options.error(e.getMessage(), null);
        return SystoleCommand.USAGE;
      }
    } catch (JournalException e) {
      options.error("cannot replay " + journalDir.dir + ": " + e.getMessage(), e);
      return SystoleCommand.FINDING;
    } finally {
      options.out().flush();
    }
  }

  private static TimeArgument point(final String option, final String text) {
    try {
      return text == null ? null : TimeArgument.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage(), e);
    }
  }

  /** Prints the entries in the window, each with its changes and decisions. */
  private int replay(
      final ChronicleJournal journal,
      final Entry firstEntry,
      final TimeArgument fromPoint,
      final TimeArgument toPoint) {
    final EntryWindow window =
        EntryWindow.of(
            fromPoint,
            toPoint,
            options.timeText().zone(),
            journal.firstIndex(),
            journal.lastIndex(),
            firstEntry.timeMicros());
    final ReplayText text = new ReplayText(options.timeText());
    final PrintWriter out = options.out();
    final NodeReplay replay = new NodeReplay(journal.node());
    try (JournalEntries entries = entries(journal)) {
      for (Entry e = entries.next();
          e != null && e.index() <= window.toIndex();
          e = entries.next()) {
        if (!window.contains(e)) {
          replay.fold(e);
        } else if (json) {
          out.println(text.json(replay.step(e)));
        } else {
          text.lines(replay.step(e)).forEach(out::println);
        }
      }
      return status(entries);
    }
  }

  /** Prints the state after the entry {@code atPoint} names. */
  private int at(final ChronicleJournal journal, final Entry firstEntry, final TimeArgument point) {
    final TimeText time = options.timeText();
    final long last;
    final long atMicros;
    if (point.isIndex()) {
      last = EntryWindow.index("--at", point, journal.firstIndex(), journal.lastIndex());
      atMicros = Long.MAX_VALUE;
    } else {
      last = journal.lastIndex();
      atMicros = point.micros(time.zone(), firstEntry.timeMicros());
      if (atMicros < firstEntry.timeMicros()) {
        throw new IllegalArgumentException(
            "--at "
                + point
                + ": before the journal's first entry, at "
                + time.instant(firstEntry.timeMicros()));
      }
    }
    final NodeReplay replay = new NodeReplay(journal.node());
    Entry shown = firstEntry;
    final JournalEntries entries = entries(journal);
    try (entries) {
      for (Entry e = entries.next();
          e != null && e.index() <= last && e.timeMicros() <= atMicros;
          e = entries.next()) {
        replay.fold(e);
        shown = e;
      }
    }
    final StateText state = new StateText(time);
    if (json) {
      options.out().println(state.json(shown, replay.state(), new ReplayText(time)));
    } else {
      state.lines(shown, replay.state()).forEach(options.out()::println);
    }
    return status(entries);
  }

  /**
   * Runs {@link ReplayCheck} over the journal, one entry at a time: it holds the state and the
   * current round only, so any length checks in bounded memory. Stops at the first mismatch.
   */
  private int check(final ChronicleJournal journal) {
    final EventText events = new EventText(options.timeText());
    final ReplayCheck.Checker checker = new ReplayCheck.Checker(journal.node(), events::event);
    final JournalEntries entries = entries(journal);
    try (entries) {
      for (Entry e = entries.next(); e != null; e = entries.next()) {
        if (checker.accept(e) != null) {
          break;
        }
      }
    }
    final ReplayCheck.Mismatch mismatch = checker.finish();
    final PrintWriter out = options.out();
    if (json) {
      final JsonWriter line =
          new JsonWriter()
              .beginObject()
              .field("type", "check")
              .field("node", journal.node())
              .field("entries", checker.entries())
              .field("passed", mismatch == null);
      if (mismatch == null) {
        line.field("index", (String) null).field("message", (String) null);
      } else {
        line.field("index", mismatch.index()).field("message", mismatch.message());
      }
      out.println(JsonLines.line(line.endObject()));
    } else if (mismatch == null) {
      out.println(
          "replay check passed: "
              + checker.entries()
              + " entries, every recorded decision re-derived");
    } else {
      out.println(
          "replay check failed at index "
              + mismatch.index()
              + ": "
              + EventText.escape(mismatch.message()));
    }
    return mismatch == null ? status(entries) : SystoleCommand.FINDING;
  }

  /** The journal's entries, with progress on a terminal and, with --force, skipped damage. */
  private JournalEntries entries(final ChronicleJournal journal) {
    return new JournalEntries(journal, options, "replay", force, this::skipped);
  }

  /** Marks the place of an entry --force skipped, in the output itself. */
  private void skipped(final JournalFormatException e) {
    if (json) {
      options
          .out()
          .println(
              JsonLines.line(
                  new JsonWriter()
                      .beginObject()
                      .field("type", "skipped")
                      .field("index", e.index())
                      .field("message", e.getMessage())
                      .endObject()));
    } else {
      options
          .out()
          .println(
              "! entry "
                  + e.index()
                  + " skipped (--force), it cannot be read: "
                  + EventText.escape(e.getMessage()));
    }
  }

  /** OK, or FINDING when --force skipped an entry: the output is whole but the journal is not. */
  private static int status(final JournalEntries entries) {
    return entries.skipped() == 0 ? SystoleCommand.OK : SystoleCommand.FINDING;
  }
}
