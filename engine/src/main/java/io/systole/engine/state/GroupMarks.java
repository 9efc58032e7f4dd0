package io.systole.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * What the nodes said about one group: who claims it and with which claim number, and the per-node
 * marks that steer where it may run (start failed there, standby there, takeover asked there). Node
 * lists keep the order in which the marks arrived.
 *
 * @param claimedBy the nodes that announced they hold it; this node's own announcement included
 * @param claimTerms the claim number of each node in {@code claimedBy}, at the same index
 * @param term the highest claim number known for the group; it only grows, so that the next claim
 *     made here is newer than every claim this node ever heard of
 */
public record GroupMarks(
    List<String> claimedBy,
    List<Long> claimTerms,
    long term,
    List<String> failedOn,
    List<String> standbyOn,
    List<String> takeoverOn) {

  /** No claims and no marks, at claim number 0. */
  public static final GroupMarks NONE =
      new GroupMarks(List.of(), List.of(), 0, List.of(), List.of(), List.of());

  /** Copies the lists so that the record is immutable; each claim has its number. */
  public GroupMarks {
    claimedBy = List.copyOf(claimedBy);
    claimTerms = List.copyOf(claimTerms);
    failedOn = List.copyOf(failedOn);
    standbyOn = List.copyOf(standbyOn);
    takeoverOn = List.copyOf(takeoverOn);
    if (claimTerms.size() != claimedBy.size()) {
      throw new IllegalArgumentException(
          "one claim number per claim: " + claimedBy + " with " + claimTerms);
    }
  }

  /** The claim number of {@code node}'s claim, or -1 when it does not claim the group. */
  public long termOf(final String node) {
    final int i = claimedBy.indexOf(node);
    return i < 0 ? -1 : claimTerms.get(i);
  }

  /** These marks with {@code node} claiming the group with number {@code claimTerm}. */
  GroupMarks withClaim(final String node, final long claimTerm) {
    final int i = claimedBy.indexOf(node);
    if (i >= 0 && claimTerms.get(i) == claimTerm) {
      return this;
    }
    final List<String> nodes;
    final List<Long> terms;
    if (i >= 0) {
      nodes = claimedBy;
      terms = Lists.replace(claimTerms, i, claimTerm);
    } else {
      nodes = Lists.with(claimedBy, node);
      final List<Long> more = new ArrayList<>(claimTerms.size() + 1);
      more.addAll(claimTerms);
      more.add(claimTerm);
      terms = more;
    }
    return new GroupMarks(nodes, terms, Math.max(term, claimTerm), failedOn, standbyOn, takeoverOn);
  }

  /** These marks without {@code node}'s claim; the highest claim number stays. */
  GroupMarks withoutClaim(final String node) {
    final int i = claimedBy.indexOf(node);
    if (i < 0) {
      return this;
    }
    final List<Long> terms = new ArrayList<>(claimTerms);
    terms.remove(i);
    return new GroupMarks(
        Lists.without(claimedBy, node), terms, term, failedOn, standbyOn, takeoverOn);
  }

  /** These marks with {@code node} marked failed, or not, as {@code failed} says. */
  GroupMarks withFailed(final String node, final boolean failed) {
    final List<String> next = Lists.mark(failedOn, node, failed);
    return next == failedOn
        ? this
        : new GroupMarks(claimedBy, claimTerms, term, next, standbyOn, takeoverOn);
  }

  /** These marks with standby and takeover asked on {@code node} as the flags say. */
  GroupMarks withAdmin(final String node, final boolean standby, final boolean takeover) {
    final List<String> s = Lists.mark(standbyOn, node, standby);
    final List<String> t = Lists.mark(takeoverOn, node, takeover);
    return s == standbyOn && t == takeoverOn
        ? this
        : new GroupMarks(claimedBy, claimTerms, term, failedOn, s, t);
  }

  /** These marks without anything {@code node} said: its claim too when {@code claimsToo}. */
  GroupMarks withoutPeer(final String node, final boolean claimsToo) {
    final GroupMarks claims = claimsToo ? withoutClaim(node) : this;
    return claims.withFailed(node, false).withAdmin(node, false, false);
  }

  /** No claims and no marks, as after a daemon's start or stop; the highest claim number stays. */
  GroupMarks cleared() {
    return term == 0
        ? NONE
        : new GroupMarks(List.of(), List.of(), term, List.of(), List.of(), List.of());
  }
}
