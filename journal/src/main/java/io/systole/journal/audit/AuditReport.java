package io.systole.journal.audit;

import java.util.List;

/**
 * What an audit found: how many entries verified, their index and time range, whether the chain was
 * checked from the very first entry (or from the oldest one retention kept), the first place where
 * the chain breaks, if any, the other findings (crashes, checkpoints that do not prove the journal)
 * and how far signed checkpoints vouch for it.
 *
 * @param entries entries that verified before the first break (all of them when intact)
 * @param firstIndex index of the first entry audited, or -1 for an empty journal
 * @param lastIndex index of the last entry that verified, or -1
 * @param firstTimeMicros time of the first entry, or 0
 * @param lastTimeMicros time of the last verified entry, or 0
 * @param fromGenesis true when the chain was checked from entry 0; false when older entries were
 *     removed by retention and the oldest stored digest was taken as the anchor
 * @param breakIndex the index where the chain breaks, or -1 when intact
 * @param breakReason why it breaks there, or null when intact
 * @param findings what else is wrong, each at its index, in journal order (the first thousand)
 * @param moreFindings how many findings were past the first thousand
 * @param signing what the signed checkpoints prove
 * @param runningSince the index of the daemon start that has no stop after it (the daemon runs, or
 *     crashed after the last entry), or -1
 */
public record AuditReport(
    long entries,
    long firstIndex,
    long lastIndex,
    long firstTimeMicros,
    long lastTimeMicros,
    boolean fromGenesis,
    long breakIndex,
    String breakReason,
    List<Finding> findings,
    long moreFindings,
    Signing signing,
    long runningSince) {

  /** Copies the findings so that the record is immutable. */
  public AuditReport {
    findings = List.copyOf(findings);
  }

  /** One finding: {@code what} is wrong at entry {@code index}. */
  public record Finding(long index, String what) {}

  /**
   * The journal's signed checkpoints.
   *
   * @param checkpoints how many checkpoints the audit met
   * @param verified whether their signatures were checked (public keys were given)
   * @param signedThrough the index the newest good checkpoint vouches for, or -1; with {@code
   *     verified}, every entry up to it is proven the node's
   */
  public record Signing(long checkpoints, boolean verified, long signedThrough) {}

  /** Whether every entry verified. */
  public boolean intact() {
    return breakReason == null;
  }

  /** Whether the chain is intact and nothing else was found. */
  public boolean clean() {
    return intact() && findings.isEmpty();
  }

  /** One line for operators: "N entries, chain intact" or where and why it breaks. */
  public String summary() {
    final String anchor =
        fromGenesis || entries == 0
            ? ""
            : " (from index " + firstIndex + "; older entries were removed by retention)";
    if (intact()) {
      return entries + " entries, chain intact" + anchor;
    }
    return "chain broken at index "
        + breakIndex
        + ": "
        + breakReason
        + " ("
        + entries
        + " entries verified before it)"
        + anchor;
  }
}
