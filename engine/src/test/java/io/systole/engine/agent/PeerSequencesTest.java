package io.systole.engine.agent;

import static io.systole.engine.agent.PeerSequences.Verdict.DUPLICATE;
import static io.systole.engine.agent.PeerSequences.Verdict.IMPLAUSIBLE_GENERATION;
import static io.systole.engine.agent.PeerSequences.Verdict.LATE;
import static io.systole.engine.agent.PeerSequences.Verdict.NEW;
import static io.systole.engine.agent.PeerSequences.Verdict.OLD;
import static io.systole.engine.agent.PeerSequences.Verdict.RESTARTED;
import static io.systole.engine.agent.PeerSequences.Verdict.STALE_GENERATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Heartbeat's generation and sequence rules, and the forged-generation defence. */
class PeerSequencesTest {
  private static final long NOW = 1_795_546_800_000_000L; // 2026-11-24, in µs
  private static final long GEN = 1_795_546_468L;
  private final PeerSequences seqs = new PeerSequences(3);

  @Test
  void firstMessageOfAPeerIsARestartThenNextSequencesAreNews() {
    assertEquals(RESTARTED, seqs.accept(1, GEN, 1, NOW));
    assertEquals(NEW, seqs.accept(1, GEN, 2, NOW));
    assertEquals(NEW, seqs.accept(1, GEN, 3, NOW));
    assertEquals(0, seqs.lost(1));
  }

  @Test
  void theSameMessageOnASecondMediumIsADuplicateThatStillProvesTheMedium() {
    seqs.accept(1, GEN, 5, NOW);
    assertEquals(DUPLICATE, seqs.accept(1, GEN, 5, NOW));
    assertTrue(DUPLICATE.alive());
  }

  @Test
  void anOvertakenMessageFillsItsGapOnceAndAReplayedOneIsDropped() {
    seqs.accept(1, GEN, 5, NOW);
    assertEquals(NEW, seqs.accept(1, GEN, 9, NOW));
    assertEquals(3, seqs.lost(1));
    // Heartbeat's own stream does this: stonith d overtaken by status e and starting f.
    assertEquals(LATE, seqs.accept(1, GEN, 7, NOW));
    assertTrue(LATE.alive());
    assertEquals(2, seqs.lost(1));
    assertEquals(OLD, seqs.accept(1, GEN, 7, NOW));
    assertEquals(OLD, seqs.accept(1, GEN, 5, NOW));
    assertFalse(OLD.alive());
    assertEquals(2, seqs.lost(1));
  }

  @Test
  void onlyTheLastSixtyFourSequenceNumbersCanBeFilledLate() {
    seqs.accept(1, GEN, 1, NOW);
    assertEquals(NEW, seqs.accept(1, GEN, 100, NOW));
    assertEquals(OLD, seqs.accept(1, GEN, 100 - PeerSequences.WINDOW, NOW));
    assertEquals(LATE, seqs.accept(1, GEN, 100 - PeerSequences.WINDOW + 1, NOW));
    assertEquals(NEW, seqs.accept(1, GEN, 300, NOW)); // beyond the window: nothing carried over
    assertEquals(LATE, seqs.accept(1, GEN, 299, NOW));
    assertEquals(RESTARTED, seqs.accept(1, GEN + 1, 10, NOW));
    assertEquals(OLD, seqs.accept(1, GEN + 1, 9, NOW)); // before its first: never counted lost
    assertEquals(NEW, seqs.accept(1, GEN + 1, 12, NOW));
    assertEquals(LATE, seqs.accept(1, GEN + 1, 11, NOW));
    assertEquals(98 - 1 + 199 - 1 + 1 - 1, seqs.lost(1));
  }

  @Test
  void aHigherGenerationIsARestartAndTheOldOneIsThenStale() {
    seqs.accept(1, GEN, 40, NOW);
    assertEquals(RESTARTED, seqs.accept(1, GEN + 1, 1, NOW));
    assertEquals(STALE_GENERATION, seqs.accept(1, GEN, 40, NOW));
    assertEquals(STALE_GENERATION, seqs.accept(1, GEN - 5, 99, NOW));
    assertEquals(NEW, seqs.accept(1, GEN + 1, 2, NOW));
  }

  @Test
  void aGenerationFarAheadOfTheClockIsRefusedAndChangesNothing() {
    seqs.accept(1, GEN, 10, NOW);
    assertEquals(IMPLAUSIBLE_GENERATION, seqs.accept(1, Long.MAX_VALUE, 1, NOW));
    assertEquals(IMPLAUSIBLE_GENERATION, seqs.accept(1, GEN + 10_000_000L, 1, NOW));
    assertEquals(NEW, seqs.accept(1, GEN, 11, NOW));
    assertEquals(GEN, seqs.generation(1));
  }

  @Test
  void aForgedGenerationSwitchIsUndoneWhenTheRealPeerGoesOnTalking() {
    seqs.accept(1, GEN, 10, NOW);
    // A forger (crc auth has no key) claims a restart with a plausible higher generation...
    assertEquals(RESTARTED, seqs.accept(1, GEN + 1000, 1, NOW));
    // ...but the real peer's next message still carries the old generation: not locked out.
    assertEquals(NEW, seqs.accept(1, GEN, 11, NOW));
    assertEquals(1, seqs.forged(1));
    assertEquals(GEN, seqs.generation(1));
    assertEquals(NEW, seqs.accept(1, GEN, 12, NOW));
    assertEquals(STALE_GENERATION, seqs.accept(1, GEN + 1000, 2, NOW));
  }

  @Test
  void peersAreTrackedApart() {
    seqs.accept(1, GEN, 10, NOW);
    assertEquals(RESTARTED, seqs.accept(2, GEN + 7, 1, NOW));
    assertEquals(NEW, seqs.accept(1, GEN, 11, NOW));
    seqs.reset(1);
    assertEquals(RESTARTED, seqs.accept(1, GEN, 1, NOW));
  }

  @Test
  void aPeerIsAcknowledgedAtOnceInEachGenerationThenEveryTenthMessage() {
    seqs.accept(1, GEN, 5, NOW);
    assertEquals(5, seqs.ackDue(1));
    for (long s = 6; s < 15; s++) {
      seqs.accept(1, GEN, s, NOW);
      assertEquals(-1, seqs.ackDue(1), "seq " + s);
    }
    seqs.accept(1, GEN, 15, NOW);
    assertEquals(15, seqs.ackDue(1));
    seqs.accept(1, GEN, 40, NOW); // a gap (messages for other nodes, or lost) still acknowledges
    assertEquals(40, seqs.ackDue(1));
    seqs.accept(1, GEN + 1, 1, NOW); // restarted: its new stream at once
    assertEquals(1, seqs.ackDue(1));
    assertEquals(-1, seqs.ackDue(1));
  }
}
