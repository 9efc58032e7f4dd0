package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole journal}: the offline tools that read a node's journal directory without the
 * daemon. A group only; each tool is a subcommand.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Offline tools for a node's journal directory (no daemon needed).",
    subcommands = {
      JournalAuditCommand.class,
      JournalDumpCommand.class,
      JournalMergeCommand.class,
      JournalReplayCommand.class,
      JournalTimelineCommand.class,
      JournalWhatIfCommand.class
    })
final class JournalCommand {}
