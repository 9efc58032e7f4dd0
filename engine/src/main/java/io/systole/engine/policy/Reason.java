package io.systole.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Why the policy decided an action: the rule that fired and the evidence it used, each piece a
 * short phrase such as {@code node ha1 dead since 2026-11-25T12:00:05.120Z}. The journal stores
 * {@link #text()}; {@link #parse} reads it back, so the reason stays data after a round trip.
 */
public record Reason(Rule rule, List<String> evidence) {

  /** Copies the evidence so that the record is immutable. */
  public Reason {
    evidence = List.copyOf(evidence);
  }

  /** {@code rule} with {@code evidence}. */
  public static Reason of(final Rule rule, final String... evidence) {
    return new Reason(rule, List.of(evidence));
  }

  /** The journaled form: the rule's label, a colon, and the evidence separated by "; ". */
  public String text() {
    return evidence.isEmpty() ? rule.label() : rule.label() + ": " + String.join("; ", evidence);
  }

  /**
   * The reason whose {@link #text()} is {@code text}, or null when {@code text} does not start with
   * a rule's label (a detail written by an actuator or an admin, not by the policy).
   */
  public static Reason parse(final String text) {
    final int colon = text.indexOf(": ");
    final Rule rule = Rule.ofLabel(colon < 0 ? text : text.substring(0, colon));
    if (rule == null) {
      return null;
    }
    final List<String> evidence = new ArrayList<>();
    if (colon >= 0) {
      evidence.addAll(List.of(text.substring(colon + 2).split("; ", -1)));
    }
    return new Reason(rule, evidence);
  }
}
