package io.systole.journal.audit;

import io.systole.journal.Journal;
import io.systole.journal.JournalException;
import io.systole.journal.JournalReader;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameDecoder;
import io.systole.journal.codec.FrameLayout;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.sign.CheckpointVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;

/**
 * Walks a journal from its oldest entry and proves it complete and unchanged: every frame passes
 * its checksum, sits at its own index, decodes, and carries the digest of its bytes chained to the
 * previous digest. Stops at the first entry that does not, and names it. On the way it checks each
 * signed {@link Checkpoint} against the chain (and its signature, given the node's public key), and
 * the daemon's own bracketing: a start with no stop before the next start is a crash. Reports
 * instead of throwing, so a damaged journal yields a finding, not a stack trace.
 */
public final class Auditor implements JournalReader.FrameHandler {
  private final FrameDecoder decoder = new FrameDecoder();
  private final ChainHash hash = new ChainHash();
  private final byte[] previous = new byte[FrameLayout.DIGEST_LENGTH];
  private final byte[] computed = new byte[FrameLayout.DIGEST_LENGTH];
  private long entries;
  private long firstIndex = -1;
  private long lastIndex = -1;
  private long firstTime;
  private long lastTime;
  private boolean fromGenesis = true;
  private long breakIndex = -1;
  private String breakReason;
  private final String node;
  private final CheckpointVerifier verifier;
  private final List<AuditReport.Finding> findings = new ArrayList<>();
  private long moreFindings;
  private long checkpoints;
  private long signedThrough = -1;
  private long runningSince = -1;

  private Auditor(final String node, final CheckpointVerifier verifier) {
    this.node = node;
    this.verifier = verifier;
  }

  /** Audits {@code journal} from its oldest stored entry to its current end. */
  public static AuditReport audit(final Journal journal) {
    return audit(journal, null);
  }

  /**
   * Audits {@code journal}, also verifying every checkpoint's signature with {@code verifier}
   * (null: checkpoints are checked against the chain only).
   */
  public static AuditReport audit(final Journal journal, final CheckpointVerifier verifier) {
    final Auditor auditor = new Auditor(journal.node(), verifier);
    try {
      final long first = journal.firstIndex();
      try (JournalReader reader = journal.reader(Math.max(first, 0))) {
        while (auditor.breakReason == null) {
          try {
            if (!reader.pollFrame(auditor)) {
              break;
            }
          } catch (JournalException e) {
            auditor.fail(reader.nextIndex(), e.getMessage());
          }
        }
      }
    } catch (JournalException e) {
      auditor.fail(auditor.lastIndex + 1, e.getMessage());
    }
    return auditor.report();
  }

  @Override
  public void onFrame(final long position, final byte[] buffer, final int length) {
    if (breakReason != null) {
      return;
    }
    final Event event;
    try {
      event = decoder.decode(position, buffer, length).event();
    } catch (JournalException e) {
      fail(position, e.getMessage());
      return;
    }
    final int digestOffset = FrameLayout.digestOffset(length);
    if (entries == 0) {
      firstIndex = position;
      firstTime = FrameDecoder.time(buffer);
      if (position == 0) {
        System.arraycopy(ChainHash.genesis(), 0, previous, 0, previous.length);
      } else {
        fromGenesis = false;
        System.arraycopy(buffer, digestOffset, previous, 0, previous.length);
        accept(position, buffer, event, false);
        return;
      }
    }
    hash.compute(previous, buffer, 0, digestOffset, computed, 0);
    if (!Arrays.equals(
        computed, 0, computed.length, buffer, digestOffset, digestOffset + computed.length)) {
      fail(
          position,
          "its chain digest does not match its bytes and the previous entry's digest;"
              + " the entry or one before it was changed after it was written");
      return;
    }
    // previous still holds the entry before this one: what a checkpoint here signs.
    accept(position, buffer, event, true);
    System.arraycopy(computed, 0, previous, 0, previous.length);
  }

  private void accept(
      final long position, final byte[] buffer, final Event event, final boolean chained) {
    entries++;
    lastIndex = position;
    lastTime = FrameDecoder.time(buffer);
    if (event instanceof Checkpoint c) {
      checkpoint(position, c, chained);
    } else if (event instanceof DaemonStarted) {
      if (runningSince >= 0) {
        finding(
            runningSince,
            "crash: the daemon that started here has no stop before the next start at index "
                + position);
      }
      runningSince = position;
    } else if (event instanceof DaemonStopped) {
      runningSince = -1;
    }
  }

  private void checkpoint(final long position, final Checkpoint c, final boolean chained) {
    checkpoints++;
    if (!chained) {
      return; // the oldest stored entry: the digest before it is gone with what retention removed
    }
    if (c.signedIndex() != position - 1 || !Hex.toHexString(previous).equals(c.digest())) {
      finding(
          position,
          "checkpoint for index "
              + c.signedIndex()
              + " does not match the chain (digest "
              + c.digest()
              + ")");
      return;
    }
    if (verifier != null) {
      final String problem = verifier.problem(node, c, previous);
      if (problem != null) {
        finding(position, "checkpoint " + problem);
        return;
      }
    }
    signedThrough = c.signedIndex();
  }

  private void finding(final long index, final String what) {
    if (findings.size() < MAX_FINDINGS) {
      findings.add(new AuditReport.Finding(index, what));
    } else {
      moreFindings++;
    }
  }

  /** Findings kept in a report; more are counted, so a bad journal cannot exhaust memory. */
  static final int MAX_FINDINGS = 1000;

  private void fail(final long index, final String reason) {
    if (breakReason == null) {
      breakIndex = index;
      breakReason = reason;
    }
  }

  private AuditReport report() {
    return new AuditReport(
        entries,
        firstIndex,
        lastIndex,
        firstTime,
        lastTime,
        fromGenesis,
        breakIndex,
        breakReason,
        findings,
        moreFindings,
        new AuditReport.Signing(checkpoints, verifier != null, signedThrough),
        runningSince);
  }
}
