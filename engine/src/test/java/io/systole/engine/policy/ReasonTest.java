package io.systole.engine.policy;

import static io.systole.journal.event.Failback.OFF;
import static io.systole.journal.event.Failback.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Fold;
import io.systole.engine.state.LayoutEvents;
import io.systole.engine.state.Scenario;
import io.systole.engine.state.Seeds;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every action carries its reason as data: the rule and the evidence, journaled as text. */
class ReasonTest {
  @Test
  void reasonNamesRuleAndEvidence() {
    // ha2's view: ha1 declared dead at the third step, 12:00:02.
    final Scenario s = Scenario.on("ha2").twoNodes(OFF).dead("ha1");
    final Action start = s.decide().get(1);
    assertEquals(Rule.START_FAILOVER, start.reason().rule());
    final String text =
        "start-failover: node ha1 dead since 2026-11-25T12:00:02Z; group g1 preferred ha1;"
            + " held by nobody; auto_failback off";
    assertEquals(text, start.reason().text());
    assertTrue(text.contains("node ha1 dead since") && text.contains("auto_failback off"));
    assertEquals(new GroupStart("g1", Phase.REQUESTED, text), start.event("ha2"));
  }

  @Test
  void stopReasonsNameWhatChanged() {
    final Scenario failback = Scenario.on("ha2").twoNodes(ON).dead("ha1");
    failback.settle();
    failback.startSucceeded("g1").peer("ha1");
    assertEquals(
        "stop-failback: node ha1 up and ready; group g1 preferred ha1; auto_failback on",
        failback.decide().get(0).reason().text());
    final Scenario standby = Scenario.on("ha1").twoNodes(ON).peer("ha2").running("g1");
    standby.then(new AdminStandby("ha1", Scope.LOCAL, "hb_standby"));
    assertEquals(
        "stop-standby: standby asked on ha1; group g1 preferred ha1; node ha2 can take it",
        standby.decide().get(0).reason().text());
  }

  @Test
  void fenceReasonNamesTheDeadNodeAndWhatItHeld() {
    final Scenario s =
        Scenario.on("ha1").started(Scenario.layout(ON, Scenario.AGENT, "ha1", "ha2"));
    s.peer("ha2").claims("ha2", "g2").dead("ha2");
    assertEquals(
        "fence-dead-holder: node ha2 dead since 2026-11-25T12:00:05Z; holding g2;"
            + " fenced at once by ha1",
        s.decide().get(0).reason().text());
  }

  @Test
  void reasonTextRoundTrips() {
    for (final Reason r :
        List.of(
            Reason.of(Rule.START_PREFERRED),
            Reason.of(Rule.START_PREFERRED, ""),
            Reason.of(Rule.STOP_YIELD, "node ha2 holds it too", "group g1 preferred ha1"),
            Reason.of(Rule.FENCE_DEAD_HOLDER, "a: b", "c;", " d", "ünïcødé"))) {
      assertEquals(r, Reason.parse(r.text()), r.text());
    }
  }

  @Test
  void reasonTextRoundTripsForRandomRulesAndEvidence() {
    final String alphabet = "ab:; .-_/0123456789ü節";
    Seeds.check(
        0x2EA5_0000L,
        2000,
        seed -> {
          final SplittableRandom r = new SplittableRandom(seed);
          final Rule rule = Rule.values()[r.nextInt(Rule.values().length)];
          final List<String> evidence = new ArrayList<>();
          final int n = r.nextInt(5);
          while (evidence.size() < n) {
            final StringBuilder b = new StringBuilder();
            final int len = r.nextInt(12);
            for (int i = 0; i < len; i++) {
              b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (!b.toString().contains("; ")) { // the separator: evidence never holds it
              evidence.add(b.toString());
            }
          }
          final Reason reason = new Reason(rule, evidence);
          assertEquals(reason, Reason.parse(reason.text()), reason.text());
        });
  }

  @Test
  void everyReasonThePolicyGivesRoundTrips() {
    final Set<Rule> seen = new HashSet<>();
    Seeds.check(
        0x2EA5_1000L,
        300,
        seed -> {
          final LayoutEvents gen = new LayoutEvents(seed);
          ClusterState s = ClusterState.initial(LayoutEvents.NODES.get(seed % 3 == 0 ? 0 : 1));
          long t = Scenario.T0;
          s = Fold.apply(s, t, new DaemonStarted("test", 1));
          s = Fold.apply(s, t, gen.config());
          for (int i = 0; i < 60; i++) {
            t += 1_000_000;
            s = Fold.apply(s, t, gen.input(s));
            for (final Action a : Policy.decide(s)) {
              final Reason parsed = Reason.parse(a.reason().text());
              assertEquals(a.reason(), parsed, a.reason().text());
              seen.add(parsed.rule());
              s = Fold.apply(s, t, a.event(s.self()));
            }
          }
        });
    assertTrue(seen.size() >= 9, "rules seen: " + seen);
  }

  @Test
  void detailNotWrittenByThePolicyParsesToNull() {
    for (final String detail :
        List.of("", "ok", "exit 1", "cleaned up by hb_cleanup", "start-preferred:x", "START: a")) {
      assertNull(Reason.parse(detail), detail);
    }
    assertNotNull(Reason.parse("stop-yield"));
  }

  @Test
  void ruleLabelsAreDistinctAndFindTheirRule() {
    final Set<String> labels = new HashSet<>();
    for (final Rule r : Rule.values()) {
      assertTrue(labels.add(r.label()), r.label());
      assertEquals(r, Rule.ofLabel(r.label()));
      assertTrue(r.label().matches("[a-z-]+"), r.label());
    }
    assertNull(Rule.ofLabel("no-such-rule"));
  }
}
