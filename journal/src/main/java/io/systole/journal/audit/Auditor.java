package io.systole.journal.audit;

import io.systole.journal.Journal;
import io.systole.journal.JournalException;
import io.systole.journal.JournalReader;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameDecoder;
import io.systole.journal.codec.FrameLayout;
import java.util.Arrays;

/**
 * Walks a journal from its oldest entry and proves it complete and unchanged: every frame passes
 * its checksum, sits at its own index, decodes, and carries the digest of its bytes chained to the
 * previous digest. Stops at the first entry that does not, and names it. Reports instead of
 * throwing, so a damaged journal yields a finding, not a stack trace.
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

  /** Audits {@code journal} from its oldest stored entry to its current end. */
  public static AuditReport audit(final Journal journal) {
    final Auditor auditor = new Auditor();
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
    try {
      decoder.decode(position, buffer, length);
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
        accept(position, buffer);
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
    System.arraycopy(computed, 0, previous, 0, previous.length);
    accept(position, buffer);
  }

  private void accept(final long position, final byte[] buffer) {
    entries++;
    lastIndex = position;
    lastTime = FrameDecoder.time(buffer);
  }

  private void fail(final long index, final String reason) {
    if (breakReason == null) {
      breakIndex = index;
      breakReason = reason;
    }
  }

  private AuditReport report() {
    return new AuditReport(
        entries, firstIndex, lastIndex, firstTime, lastTime, fromGenesis, breakIndex, breakReason);
  }
}
