package io.systole.engine.agent;

import static io.systole.journal.event.Failback.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Rule;
import io.systole.engine.replay.ReplayCheck;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.Scenario;
import io.systole.journal.Entry;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.memory.MemoryJournal;
import io.systole.journal.sign.CheckpointSigner;
import io.systole.journal.sign.CheckpointVerifier;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The logic as the single writer of ha1's journal: inputs are journaled, then folded; the policy is
 * asked until it has nothing left, each action journaled and folded before it is carried out.
 */
class ClusterLogicTest {
  private final MemoryJournal journal = new MemoryJournal("ha1");
  private final List<String> done = new ArrayList<>();
  private final List<Action> actions = new ArrayList<>();
  private ClusterLogic logic = logic(journal);
  private long t = Scenario.T0;

  private ClusterLogic logic(final MemoryJournal j) {
    return new ClusterLogic(
        j,
        a -> {
          done.add(Scenario.brief(a));
          actions.add(a);
        });
  }

  /** Feeds {@code inputs} one second after the last; what the logic did, in brief. */
  private List<String> accept(final Event... inputs) {
    done.clear();
    t += Scenario.STEP;
    logic.accept(t, List.of(inputs));
    return List.copyOf(done);
  }

  private List<String> startAlone() {
    accept(new DaemonStarted("test", 1), Scenario.layout(ON, "", "ha1", "ha2"));
    return accept(new NodeDead("ha2", 5_000_000, true, 0, List.of()));
  }

  private List<Event> journaled() {
    return LogicRun.entries(journal).stream().map(Entry::event).toList();
  }

  @Test
  void everyActionIsJournaledAndFoldedBeforeItIsCarriedOut() {
    final List<String> seen = new ArrayList<>();
    logic =
        new ClusterLogic(
            journal,
            a -> {
              final Entry last = LogicRun.entries(journal).get((int) journal.lastIndex());
              assertEquals(a.event("ha1"), last.event(), "journaled first");
              final ClusterState s = logic.state();
              assertEquals(ClusterLogic.recover(journal), s, "folded first");
              if (a instanceof Action.StartGroup st) {
                assertEquals(GroupStatus.STARTING, s.group(st.group()).local());
              }
              if (a instanceof Action.AnnounceClaim c) {
                assertTrue(s.group(c.group()).claimedBy().contains("ha1"));
              }
              seen.add(Scenario.brief(a));
            });
    startAlone();
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), seen);
  }

  @Test
  void inputsAreJournaledBeforeTheDecisionsTheyCause() {
    assertEquals(List.of("claim g1", "start g1", "claim g2", "start g2"), startAlone());
    final List<Event> entries = journaled();
    assertEquals(7, entries.size());
    assertTrue(entries.get(2) instanceof NodeDead);
    assertEquals(new PeerClaim("ha1", "g1", 1), entries.get(3));
    assertEquals(Phase.REQUESTED, ((GroupStart) entries.get(4)).phase());
    assertEquals(logic.state(), ClusterLogic.recover(journal));
  }

  @Test
  void decideRunsEveryRoundToTheFixpoint() {
    startAlone();
    accept(
        new GroupStart("g2", Phase.SUCCEEDED, "ok"),
        new ResourceStop("g1", "g1", Phase.FAILED, "busy"),
        new GroupStart("g1", Phase.FAILED, "g1-fs"));
    assertEquals(GroupStatus.UNCLEAN, logic.state().group("g1").local());
    // One input, three rounds: the release, then (g1 free and ha1 its owner) the claim and start.
    assertEquals(
        List.of("release g1", "claim g1", "start g1"),
        accept(new AdminCleanup("ha1", "g1", "hb_cleanup")));
    assertEquals(0, logic.decide(t), "nothing left");
  }

  @Test
  void failbackRunsFromStopToRelease() {
    startAlone();
    accept(
        new GroupStart("g1", Phase.SUCCEEDED, "ok"), new GroupStart("g2", Phase.SUCCEEDED, "ok"));
    assertEquals(List.of(), accept(new NodeUp("ha2", "eth0")));
    assertEquals(
        List.of("stop g2"), accept(new PeerStatus("ha2", true, List.of(), List.of(), List.of())));
    assertEquals(Rule.STOP_FAILBACK, actions.get(actions.size() - 1).reason().rule());
    assertEquals(List.of("release g2"), accept(new GroupStop("g2", Phase.SUCCEEDED, "ok")));
    assertEquals(new PeerRelease("ha1", "g2"), journaled().get(journaled().size() - 1));
  }

  @Test
  void logicOnTheSameJournalStartsFromItsFold() {
    startAlone();
    accept(new GroupStart("g1", Phase.SUCCEEDED, "ok"));
    final ClusterState before = logic.state();
    logic = logic(journal);
    assertEquals(before, logic.state());
  }

  @Test
  void restartAfterACrashStopsWhatRanBeforeAnythingElse() {
    startAlone();
    accept(
        new GroupStart("g1", Phase.SUCCEEDED, "ok"), new GroupStart("g2", Phase.SUCCEEDED, "ok"));
    logic = logic(journal); // the process died: no DaemonStopped
    assertEquals(
        List.of("claim g1", "stop g1", "claim g2", "stop g2"),
        accept(new DaemonStarted("test", 2)));
    assertEquals(Rule.STOP_RECOVER, actions.get(actions.size() - 1).reason().rule());
    assertEquals(
        List.of("release g1", "release g2"),
        accept(
            new GroupStop("g1", Phase.SUCCEEDED, "ok"),
            new GroupStop("g2", Phase.SUCCEEDED, "ok")));
    assertEquals(
        List.of("claim g1", "start g1", "claim g2", "start g2"),
        accept(new NodeDead("ha2", 5_000_000, true, 0, List.of())));
  }

  @Test
  void aSigningLogicCheckpointsBetweenRoundsAndAtTheStopAndTheJournalStillReplays() {
    final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new byte[32], 0);
    logic.signWith(new CheckpointSigner("ha1", key), 3);
    startAlone(); // #0-1 start and layout (no decision), #2 NodeDead, #3-6 its round
    accept(new GroupStart("g1", Phase.SUCCEEDED, "ok"));
    accept(new DaemonStopped("SIGTERM"));
    final List<Entry> entries = LogicRun.entries(journal);
    final List<Long> checkpoints = new ArrayList<>();
    for (final Entry e : entries) {
      if (e.event() instanceof Checkpoint c) {
        checkpoints.add(e.index());
        assertEquals(e.index() - 1, c.signedIndex());
      }
    }
    // The count reaches 3 at #4, inside the NodeDead round: the checkpoint waits for the round's
    // end (#7). #8 is the start's success; the stop (#9) is signed at once (#10).
    assertEquals(List.of(7L, 10L), checkpoints);
    assertNull(ReplayCheck.check("ha1", entries));
    final AuditReport audit =
        Auditor.audit(journal, new CheckpointVerifier(List.of(key.generatePublicKey())));
    assertTrue(audit.clean(), audit.toString());
    assertEquals(9, audit.signing().signedThrough());
  }
}
