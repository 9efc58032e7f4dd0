package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.JournalException;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code systole journal timeline DIR... --out FILE.html}: the journals of several nodes drawn as
 * one self-contained HTML page, a lane per node ({@link TimelineModel}, {@link TimelineHtml}). The
 * journals are read once, in cluster order ({@link MergedEntries}), each entry folded into its
 * node's state ({@link io.systole.engine.state.Fold}) so that the lanes show what each node saw and
 * did; the clock skew their announcements bound ({@link ClockSkew}) is noted on the page, since the
 * axis puts each node's entries by its own clock. The page is written to a temporary file next to
 * {@code --out} and moved into place, so that a failed run leaves no half page.
 */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description = {
      "Draw several nodes' journals as one self-contained HTML page: a lane per node with its"
          + " daemon, its view of each peer and link, the groups it held as coloured bars, and a"
          + " marker per entry (hover for the entry); zoom with the mouse wheel, drag to pan.",
      "TIME is ISO-8601 (2026-11-25T07:25:38Z, or 2026-11-25T08:25:38 in the local zone, UTC"
          + " with --utc), or a time of day (08:25:38) on the day of the earliest first entry."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:written",
      " 1:an entry could not be read, or the page could not be written",
      " 2:a usage error, a directory that is not a journal, an empty journal, two journals of one"
          + " node, no entry between --from and --to, an --out file that exists (without --force)"
    })
final class JournalTimelineCommand implements Callable<Integer> {
  @Mixin JournalToolOptions options;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "A node's journal directory (the one holding journal.meta).")
  List<Path> dirs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The HTML file to write.")
  Path out;

  @Option(names = "--force", description = "Overwrite the --out file if it exists.")
  boolean force;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Show entries from this time (default: the first).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Show entries up to this time, included (default: the last).")
  String to;

  @Option(
      names = "--max-markers",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "Draw at most N markers (default ${DEFAULT-VALUE}) and 4N status intervals; the page"
              + " says what it leaves out.")
  int maxMarkers;

  @Override
  public Integer call() {
    if (maxMarkers < 1) {
      throw options.usageError("--max-markers must be at least 1");
    }
    final TimeArgument fromPoint;
    final TimeArgument toPoint;
    try {
      fromPoint = time("--from", from);
      toPoint = time("--to", to);
    } catch (IllegalArgumentException e) {
      options.error(e.getMessage(), null);
      return SystoleCommand.USAGE;
    }
    if (Files.exists(out) && !force) {
      options.error(out + " exists; give --force to overwrite it", null);
      return SystoleCommand.USAGE;
    }
    final List<ChronicleJournal> journals = NodeJournals.open(options, dirs);
    if (journals == null) {
      return SystoleCommand.USAGE;
    }
    try {
      final TimeText time = options.timeText();
      final long first = firstMicros(journals);
      final long fromMicros =
          fromPoint == null ? Long.MIN_VALUE : fromPoint.micros(time.zone(), first);
      final long toMicros = toPoint == null ? Long.MAX_VALUE : toPoint.micros(time.zone(), first);
      final ClockSkew skew = new ClockSkew();
      final TimelineBuilder builder =
          read(
              journals,
              skew,
              new TimelineBuilder(
                  nodes(journals),
                  time,
                  fromMicros,
                  toMicros,
                  new TimelineModel.Limits(maxMarkers, 4 * maxMarkers)));
      if (builder.isEmpty()) {
        options.error("no entry between --from " + from + " and --to " + to, null);
        return SystoleCommand.USAGE;
      }
      final TimelineModel model = builder.build();
      // The pairs in lane order, as the page shows the nodes.
      final List<String> notes =
          skew.pairs(model.lanes().stream().map(TimelineModel.Lane::node).toList()).stream()
              .map(ClockSkew.Pair::text)
              .toList();
      return write(model, new TimelineHtml(model, time, notes), time);
    } catch (JournalException e) {
      options.error("cannot read: " + e.getMessage(), e);
      return SystoleCommand.FINDING;
    } finally {
      journals.forEach(ChronicleJournal::close);
      options.out().flush();
    }
  }

  /** {@code text} as a time; an index names an entry of one journal only, so it is refused. */
  private static TimeArgument time(final String option, final String text) {
    if (text == null) {
      return null;
    }
    final TimeArgument point;
    try {
      point = TimeArgument.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage(), e);
    }
    if (point.isIndex()) {
      throw new IllegalArgumentException(
          option + " " + text + ": give a time; an index names an entry of one journal only");
    }
    return point;
  }

  private static List<String> nodes(final List<ChronicleJournal> journals) {
    return journals.stream().map(ChronicleJournal::node).toList();
  }

  /** The time of the earliest first entry: the day a time of day falls on. */
  private static long firstMicros(final List<ChronicleJournal> journals) {
    long first = Long.MAX_VALUE;
    for (final ChronicleJournal journal : journals) {
      try (JournalReader reader = journal.reader(journal.firstIndex())) {
        first = Math.min(first, reader.poll().timeMicros());
      }
    }
    return first;
  }

  /** Feeds every entry, folded into its node's state, to {@code builder} and {@code skew}. */
  private static TimelineBuilder read(
      final List<ChronicleJournal> journals, final ClockSkew skew, final TimelineBuilder builder) {
    try (MergedEntries merged = new MergedEntries(journals)) {
      for (Entry e = merged.next(); e != null; e = merged.next()) {
        skew.add(e);
        builder.fold(e);
      }
    }
    return builder;
  }

  /** Writes the page next to --out, moves it into place, and says what it covers. */
  private int write(final TimelineModel model, final TimelineHtml html, final TimeText time) {
    final Path target = out.toAbsolutePath();
    Path temp = null;
    try {
      temp = Files.createTempFile(target.getParent(), ".timeline-", ".tmp");
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
        html.write(w);
      }
      if (force) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(temp, target);
      }
      temp = null;
    } catch (FileAlreadyExistsException e) {
      options.error(out + " exists; give --force to overwrite it", e);
      return SystoleCommand.USAGE;
    } catch (IOException e) {
      options.error("cannot write " + out + ": " + e.getMessage(), e);
      return SystoleCommand.FINDING;
    } finally {
      deleteQuietly(temp);
    }
    final List<String> lines = new ArrayList<>();
    lines.add("timeline written to " + EventText.escape(out.toString()));
    lines.add(TimelineHtml.covers(model, time));
    if (model.omittedMarkers() + model.omittedIntervals() > 0) {
      lines.add(
          "capped at "
              + model.limits().maxMarkers()
              + " markers: "
              + model.omittedMarkers()
              + " markers and "
              + model.omittedIntervals()
              + " intervals not drawn (the page says which)");
    }
    lines.forEach(options.out()::println);
    return SystoleCommand.OK;
  }

  private void deleteQuietly(final Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      options.error("cannot remove " + temp + ": " + e.getMessage(), e);
    }
  }
}
