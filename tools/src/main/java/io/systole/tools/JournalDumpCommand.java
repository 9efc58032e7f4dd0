package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code systole journal dump DIR}: prints a journal's entries one per line, in words (see {@link
 * EventText}). An entry that cannot be read prints as a line marked {@code ERROR} with its index
 * and the reason, and the dump goes on with the next entry; the exit status then says so. With
 * {@code --follow} it keeps printing entries as they are appended, like {@code tail -f}, until
 * interrupted.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Print journal entries one per line.",
      "Each line: index, time, writing node, event type and the event's fields. An entry that"
          + " cannot be read prints as 'INDEX ERROR reason' and the dump continues."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:every entry read",
      " 1:an entry could not be read",
      " 2:a usage error, or a directory that is not a journal"
    })
final class JournalDumpCommand implements Callable<Integer> {
  private static final long FIRST_IDLE_MILLIS = 1;
  private static final long MAX_IDLE_MILLIS = 100;

  @Mixin JournalToolOptions options;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "The journal directory (the one holding journal.meta).")
  Path dir;

  @Option(
      names = "--from",
      paramLabel = "IDX",
      description = "Start at entry IDX (default: the oldest stored entry).")
  long from;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Stop after N entries (default: no limit).")
  long limit = Long.MAX_VALUE;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing entries as they are appended, until interrupted.")
  boolean follow;

  @Override
  public Integer call() {
    if (from < 0) {
      throw options.usageError("--from must be 0 or more, not " + from);
    }
    if (limit < 0) {
      throw options.usageError("--limit must be 0 or more, not " + limit);
    }
    final ChronicleJournal journal = options.open(dir);
    if (journal == null) {
      return SystoleCommand.USAGE;
    }
    try (journal) {
      final JournalReader reader;
      try {
        reader = journal.reader(from);
      } catch (IllegalArgumentException e) {
        options.error(e.getMessage(), e);
        return SystoleCommand.USAGE;
      }
      try (reader) {
        final long bad = dump(reader, options.out());
        if (bad > 0) {
          options.error(
              bad
                  + (bad == 1 ? " entry" : " entries")
                  + " could not be read; 'systole journal audit "
                  + dir
                  + "' checks the whole chain",
              null);
          return SystoleCommand.FINDING;
        }
        return SystoleCommand.OK;
      }
    } catch (JournalException e) {
      options.error(e.getMessage(), e);
      return SystoleCommand.FINDING;
    }
  }

  /** Prints entries until the end (or the limit, or an interrupt when following). */
  private long dump(final JournalReader reader, final PrintWriter out) {
    final EventText text = new EventText(options.timeText());
    long bad = 0;
    long idleMillis = FIRST_IDLE_MILLIS;
    for (long printed = 0; printed < limit; ) {
      final long at = reader.nextIndex();
      final Entry entry;
      try {
        entry = reader.poll();
      } catch (JournalFormatException e) {
        bad++;
        printed++;
        out.println(
            (e.index() >= 0 ? e.index() : at) + " ERROR " + EventText.escape(e.getMessage()));
        if (reader.nextIndex() == at) {
          options.error("cannot read past entry " + at + "; stopping", e);
          break;
        }
        continue;
      }
      if (entry != null) {
        out.println(text.entry(entry));
        printed++;
        idleMillis = FIRST_IDLE_MILLIS;
      } else if (!follow || !idle(out, idleMillis)) {
        break;
      } else {
        idleMillis = Math.min(idleMillis * 2, MAX_IDLE_MILLIS);
      }
    }
    out.flush();
    return bad;
  }

  /** Waits for the writer; false when interrupted, which ends a follow. */
  private static boolean idle(final PrintWriter out, final long millis) {
    out.flush();
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
