package io.systole.journal.audit;

/**
 * What an audit found: how many entries verified, their index and time range, whether the chain was
 * checked from the very first entry (or from the oldest one retention kept), and the first place
 * where the chain breaks, if any.
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
 */
public record AuditReport(
    long entries,
    long firstIndex,
    long lastIndex,
    long firstTimeMicros,
    long lastTimeMicros,
    boolean fromGenesis,
    long breakIndex,
    String breakReason) {

  /** Whether every entry verified. */
  public boolean intact() {
    return breakReason == null;
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
