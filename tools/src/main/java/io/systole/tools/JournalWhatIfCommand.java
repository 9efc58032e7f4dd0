package io.systole.tools;

import io.systole.engine.replay.WhatIf;
import io.systole.journal.Entry;
import io.systole.journal.JournalException;
import io.systole.journal.chronicle.ChronicleJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code systole journal what-if DIR --config HA_CF}: re-folds a node's journal under another
 * configuration with {@link WhatIf} and prints the rounds where the decisions would have differed,
 * then a summary. The other configuration is read as the daemon reads it ({@link WhatIfConfig}); a
 * configuration with errors is a usage error, its diagnostics printed as {@code FILE:LINE:
 * message}. With {@code --json}, one JSON object per line (tools/JSON.md).
 */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
      "Re-fold a node's journal under another configuration and show where its decisions would"
          + " have differed.",
      "Every ConfigLoaded entry is replaced by the configuration given; heartbeats, peers' claims"
          + " and the outcomes of actions stay as recorded, and the node's own actions are"
          + " replaced by what the policy derives. Rounds (the inputs of one instant and the"
          + " actions after them) are compared group by group, and each that differs prints with"
          + " the recorded and the derived decisions, each with its rule and reason.",
      "Outcomes of actions the node never took under the other configuration cannot be known and"
          + " are not invented: once a group's decisions differ, the what-if stops following it"
          + " (its later decisions are not compared) and says so."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:no decision differs",
      " 1:a decision differs, or an entry could not be read",
      " 2:a usage error, a configuration with errors, a directory that is not a journal, an"
          + " empty journal"
    })
final class JournalWhatIfCommand implements Callable<Integer> {
  @Mixin JournalToolOptions options;

  @Mixin JournalDirectory journalDir;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "HA_CF",
      description = "The ha.cf to fold the journal under.")
  Path haCf;

  @Option(
      names = "--haresources",
      paramLabel = "FILE",
      description = "Its haresources (default: the haresources beside HA_CF).")
  Path haResources;

  @Option(names = "--json", description = "One JSON object per line (see tools/JSON.md).")
  boolean json;

  @Override
  public Integer call() {
    final ChronicleJournal journal = NonEmptyJournal.open(options, journalDir.dir);
    if (journal == null) {
      return SystoleCommand.USAGE;
    }
    try (journal) {
      final Path resources =
          haResources != null ? haResources : haCf.toAbsolutePath().resolveSibling("haresources");
      final WhatIfConfig config = WhatIfConfig.load(haCf, resources, journal.node());
      if (config.event() == null) {
        config.diagnostics().forEach(options.command.commandLine().getErr()::println);
        options.error(
            haCf + " has errors; the what-if needs a configuration the daemon accepts", null);
        return SystoleCommand.USAGE;
      }
      return whatIf(journal, config);
    } catch (JournalException e) {
      options.error("cannot replay " + journalDir.dir + ": " + e.getMessage(), e);
      return SystoleCommand.FINDING;
    } finally {
      options.out().flush();
    }
  }

  private int whatIf(final ChronicleJournal journal, final WhatIfConfig config) {
    final WhatIfText text = new WhatIfText(options.timeText());
    final PrintWriter out = options.out();
    final String node = journal.node();
    if (json) {
      out.println(text.headerJson(node, journalDir.dir.toString(), config.event()));
    } else {
      text.header(node, journalDir.dir.toString(), config.event()).forEach(out::println);
    }
    final WhatIf whatIf = new WhatIf(node, config.event());
    try (JournalEntries entries = new JournalEntries(journal, options, "what-if", false, e -> {})) {
      for (Entry e = entries.next(); e != null; e = entries.next()) {
        print(text, out, whatIf.accept(e));
      }
    }
    print(text, out, whatIf.finish());
    out.println(json ? text.summaryJson(whatIf) : text.summary(whatIf));
    return whatIf.differing() == 0 ? SystoleCommand.OK : SystoleCommand.FINDING;
  }

  private void print(final WhatIfText text, final PrintWriter out, final WhatIf.Round round) {
    if (round == null) {
      return;
    }
    if (json) {
      out.println(text.json(round));
    } else {
      text.lines(round).forEach(out::println);
    }
  }
}
