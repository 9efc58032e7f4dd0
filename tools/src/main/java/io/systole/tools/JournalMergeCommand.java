package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.JournalException;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code systole journal merge DIR...}: the journals of several nodes in one cluster-wide order
 * ({@link MergedEntries}), each entry replayed as {@code journal replay} shows it (the changes and
 * decisions under an entry are those of the node that wrote it). A header, its lines starting with
 * {@code #}, names the journals and states what the order is worth: only as good as the nodes'
 * clocks agree, with the skew each pair's announcements bound ({@link ClockSkew}).
 *
 * <p>{@code --out DIR} writes the merge to {@code DIR/merged.jsonl}, as {@code --json} prints it
 * (the header object, then an object per entry), rather than to a Chronicle journal: a journal
 * holds one node's entries under that node's name and hash chain, so a merged one would lose each
 * entry's node and verify as nothing. tools/JSON.md documents the fields.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge several nodes' journals into one cluster-wide order.",
      "Entries are ordered by time, then node name, then index (each node's own entries keep their"
          + " journal order) and replayed as 'journal replay' shows them. The order across nodes is"
          + " only as good as the nodes' clocks agree: the header states the skew the journals"
          + " bound."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:merged",
      " 1:an entry could not be read",
      " 2:a usage error, a directory that is not a journal, an empty journal, two journals of one"
          + " node, an --out directory that already holds a merge"
    })
final class JournalMergeCommand implements Callable<Integer> {
  /** The file {@code --out} writes in its directory. */
  static final String MERGED = "merged.jsonl";

  @Mixin JournalToolOptions options;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "A node's journal directory (the one holding journal.meta).")
  List<Path> dirs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write the merge as JSON Lines to DIR/" + MERGED + " (DIR is created).")
  Path out;

  @Option(names = "--json", description = "One JSON object per line (see tools/JSON.md).")
  boolean json;

  @Override
  public Integer call() {
    final List<ChronicleJournal> journals = NodeJournals.open(options, dirs);
    if (journals == null) {
      return SystoleCommand.USAGE;
    }
    try {
      final Path file = out == null ? null : target(out);
      if (out != null && file == null) {
        return SystoleCommand.USAGE;
      }
      return merge(journals, file);
    } catch (JournalException e) {
      options.error("cannot merge: " + e.getMessage(), e);
      return SystoleCommand.FINDING;
    } catch (UncheckedIOException e) {
      options.error("cannot write " + out.resolve(MERGED) + ": " + e.getCause().getMessage(), e);
      return SystoleCommand.FINDING;
    } finally {
      journals.forEach(ChronicleJournal::close);
      options.out().flush();
    }
  }

  /** The file to write in {@code dir}, created with it; null after reporting why it cannot be. */
  private Path target(final Path dir) {
    final Path file = dir.resolve(MERGED);
    try {
      Files.createDirectories(dir);
      Files.createFile(file);
      return file;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      options.error(file + " already exists; give --out a new directory", e);
    } catch (IOException e) {
      options.error("cannot create " + file + ": " + e.getMessage(), e);
    }
    return null;
  }

  private int merge(final List<ChronicleJournal> journals, final Path file) {
    final ClockSkew skew = new ClockSkew();
    final List<Long> counts = new ArrayList<>();
    for (final ChronicleJournal journal : journals) {
      long count = 0;
      try (JournalReader reader =
          new ProgressJournal(journal, progress("merge: reading " + journal.node(), journal))
              .reader(journal.firstIndex())) {
        for (Entry e = reader.poll(); e != null; e = reader.poll()) {
          skew.add(e);
          count++;
        }
      }
      counts.add(count);
    }
    final MergeHeader header = new MergeHeader(journals, counts, skew.pairs(nodes(journals)), file);
    final PrintWriter stdout = options.out();
    if (json) {
      stdout.println(header.json());
    } else {
      header.lines().forEach(stdout::println);
    }
    if (file == null) {
      entries(journals, stdout, json);
      return SystoleCommand.OK;
    }
    try (PrintWriter writer =
        new PrintWriter(
            new BufferedWriter(
                Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)))) {
      writer.println(header.json());
      entries(journals, writer, true);
      if (writer.checkError()) {
        throw new UncheckedIOException(new IOException("write failed"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SystoleCommand.OK;
  }

  /** Prints the merged entries, each replayed on its node's state. */
  private void entries(
      final List<ChronicleJournal> journals, final PrintWriter to, final boolean asJson) {
    final ReplayText text = new ReplayText(options.timeText());
    final Map<String, NodeReplay> replays = new HashMap<>();
    for (final ChronicleJournal journal : journals) {
      replays.put(journal.node(), new NodeReplay(journal.node()));
    }
    final Progress progress =
        Progress.onTerminal(options, "merge", journals.stream().mapToLong(this::size).sum());
    try (MergedEntries merged = new MergedEntries(journals)) {
      for (Entry e = merged.next(); e != null; e = merged.next()) {
        progress.step();
        final NodeReplay.Step step = replays.get(e.node()).step(e);
        if (asJson) {
          to.println(text.json(step));
        } else {
          text.lines(step).forEach(to::println);
        }
      }
    } finally {
      progress.clear();
    }
  }

  private Progress progress(final String label, final ChronicleJournal journal) {
    return Progress.onTerminal(options, label, size(journal));
  }

  private long size(final ChronicleJournal journal) {
    return journal.lastIndex() - journal.firstIndex() + 1;
  }

  private static List<String> nodes(final List<ChronicleJournal> journals) {
    return journals.stream().map(ChronicleJournal::node).toList();
  }
}
