package io.systole.tools;

import io.systole.journal.Journal;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.sign.CheckpointKeys;
import io.systole.journal.sign.CheckpointVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code systole journal audit DIR...}: proves each journal complete and untampered with the {@link
 * Auditor}, and prints per journal its directory, node, entries, index and time range, what its
 * signed checkpoints prove (their signatures checked with the nodes' public keys given by {@code
 * --public-key}), each finding with its index (a crash, a checkpoint that does not hold), and
 * either "chain intact" or where the chain breaks. Every directory is audited even when an earlier
 * one is damaged or is not a journal; the exit status is the worst of them.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Prove journals complete and untampered.",
      "Walks each journal from its oldest entry: every entry must pass its checksum, sit at its own"
          + " index, decode, and carry the digest chained to the entry before it. Stops at the"
          + " first entry that does not and names its index. Also reports each crash (a daemon"
          + " start with no stop before the next start) and checks the signed checkpoints a"
          + " node writes when ha.cf names a systole_checkpoint_key: against the chain always,"
          + " and their signatures with the nodes' public keys given by --public-key."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:every journal is intact",
      " 1:a journal has a finding",
      " 2:a usage error, or a directory that is not a journal"
    })
final class JournalAuditCommand implements Callable<Integer> {
  private static final String ROW = "%-8s %s%n";

  @Mixin JournalToolOptions options;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "A journal directory (the one holding journal.meta).")
  List<Path> dirs;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description =
          "A node's Ed25519 public key (PEM; from its key: openssl pkey -in KEY -pubout -out"
              + " FILE). Repeat for several nodes. With it every checkpoint's signature must"
              + " verify, and a journal without checkpoints is a finding.")
  List<Path> publicKeys = List.of();

  /** How many journals were reported on, to separate their reports by a blank line. */
  private int reports;

  /** Checks signatures with the keys given, or null without --public-key. */
  private CheckpointVerifier verifier;

  @Override
  public Integer call() {
    final List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
    for (final Path file : publicKeys) {
      try {
        keys.add(CheckpointKeys.publicKey(file));
      } catch (IOException e) {
        options.error(e.getMessage(), e);
        return SystoleCommand.USAGE;
      }
    }
    verifier = keys.isEmpty() ? null : new CheckpointVerifier(keys);
    final PrintWriter out = options.out();
    final TimeText time = options.timeText();
    int status = SystoleCommand.OK;
    for (final Path dir : dirs) {
      status = Math.max(status, audit(dir, out, time));
      out.flush();
    }
    return status;
  }

  private int audit(final Path dir, final PrintWriter out, final TimeText time) {
    final ChronicleJournal journal = options.open(dir);
    if (journal == null) {
      return SystoleCommand.USAGE;
    }
    try (journal) {
      if (reports++ > 0) {
        out.println();
      }
      out.printf(ROW, "journal", dir);
      out.printf(ROW, "node", EventText.quote(journal.node()));
      final AuditReport report;
      try {
        report =
            Auditor.audit(
                new ProgressJournal(
                    journal,
                    Progress.onTerminal(
                        options,
                        "audit " + journal.node(),
                        journal.lastIndex() - journal.firstIndex() + 1)),
                verifier);
      } catch (JournalException e) {
        final long index = e instanceof JournalFormatException f ? f.index() : Journal.NONE;
        out.printf(ROW, "result", "cannot audit" + (index >= 0 ? " at index " + index : ""));
        options.error(e.getMessage(), e);
        return SystoleCommand.FINDING;
      }
      print(report, report.intact() ? "" : stored(journal), out, time);
      final boolean unsigned = verifier != null && report.signing().checkpoints() == 0;
      if (unsigned) {
        out.printf(ROW, "finding", "no checkpoint: nothing in this journal is signed");
      }
      return report.clean() && !unsigned ? SystoleCommand.OK : SystoleCommand.FINDING;
    }
  }

  /** What the journal holds past a break, as "; 9 stored (index 0 to 8)", or "" if unreadable. */
  private static String stored(final Journal journal) {
    try {
      final long first = journal.firstIndex();
      final long last = journal.lastIndex();
      return first < 0 ? "" : "; " + (last - first + 1) + " stored" + range(first, last);
    } catch (JournalException e) {
      return "";
    }
  }

  private static String range(final long first, final long last) {
    return " (index " + first + " to " + last + ")";
  }

  private static void print(
      final AuditReport report, final String stored, final PrintWriter out, final TimeText time) {
    if (report.entries() == 0) {
      out.printf(ROW, "entries", "0" + (stored.isEmpty() ? "" : " verified" + stored));
    } else {
      out.printf(
          ROW,
          "entries",
          report.entries()
              + (stored.isEmpty() ? "" : " verified")
              + range(report.firstIndex(), report.lastIndex())
              + stored);
      out.printf(ROW, "first", time.instant(report.firstTimeMicros()));
      out.printf(ROW, "last", time.instant(report.lastTimeMicros()));
    }
    final AuditReport.Signing signing = report.signing();
    if (signing.checkpoints() > 0) {
      out.printf(ROW, "signed", signed(signing, report.lastIndex()));
    }
    for (final AuditReport.Finding f : report.findings()) {
      out.printf(ROW, "finding", "#" + f.index() + " " + f.what());
    }
    if (report.moreFindings() > 0) {
      out.printf(ROW, "finding", report.moreFindings() + " more, not listed");
    }
    if (report.runningSince() >= 0) {
      out.printf(
          ROW,
          "running",
          "since #"
              + report.runningSince()
              + ": the daemon has no stop after its last start (it runs, or crashed)");
    }
    out.printf(ROW, "result", report.summary());
  }

  /** What the checkpoints prove, in words. */
  private static String signed(final AuditReport.Signing signing, final long last) {
    final String count =
        signing.checkpoints() + (signing.checkpoints() == 1 ? " checkpoint" : " checkpoints");
    if (!signing.verified()) {
      return count + "; signatures not checked: give the node's --public-key";
    }
    if (signing.signedThrough() < 0) {
      return count + "; none proves the journal";
    }
    final long tail = last - signing.signedThrough() - 1; // the newest checkpoint itself aside
    return count
        + "; signatures verified: entries to #"
        + signing.signedThrough()
        + " are the node's"
        + (tail > 0 ? "; the " + tail + " after them are not signed yet" : "");
  }
}
