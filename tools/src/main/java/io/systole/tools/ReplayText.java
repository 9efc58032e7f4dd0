package io.systole.tools;

import io.systole.engine.policy.Action;
import io.systole.journal.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a replayed entry ({@link NodeReplay.Step}) for {@code journal replay} and {@code journal
 * merge}: in words, the entry's line as {@code dump} prints it, then one indented line per change
 * ({@code changed node ha2 status up -> dead}) and per decision ({@code decides start web
 * (start-failover: ...)}); or as one JSON object on one line (the fields are in tools/JSON.md).
 */
final class ReplayText {
  private final TimeText time;
  private final EventText events;

  /** Prints times with {@code time}. */
  ReplayText(final TimeText time) {
    this.time = time;
    this.events = new EventText(time);
  }

  /** The entry's line, then its changes and decisions, each on a line of its own. */
  List<String> lines(final NodeReplay.Step step) {
    final List<String> lines = new ArrayList<>(1 + step.changes().size());
    lines.add(events.entry(step.entry()));
    for (final StateDiff.Change c : step.changes()) {
      lines.add("  changed " + c.text());
    }
    for (final Action a : step.decisions()) {
      lines.add(
          "  decides "
              + verb(a)
              + " "
              + EventText.quote(target(a))
              + " ("
              + EventText.escape(a.reason().text())
              + ")");
    }
    return lines;
  }

  /** The step as one JSON object, on one line. */
  String json(final NodeReplay.Step step) {
    final Entry entry = step.entry();
    final JsonWriter json = new JsonWriter().beginObject().field("type", "entry");
    entryFields(json, entry);
    json.name("changes").beginArray();
    for (final StateDiff.Change c : step.changes()) {
      json.beginObject()
          .field("kind", c.kind())
          .field("name", c.name())
          .field("field", c.field())
          .field("before", c.before())
          .field("after", c.after())
          .endObject();
    }
    json.endArray().name("decisions").beginArray();
    final String self = step.state().self();
    for (final Action a : step.decisions()) {
      json.beginObject()
          .field("action", verb(a))
          .field("target", target(a))
          .field("rule", a.reason().rule().label())
          .field("reason", a.reason().text())
          .field("event", events.event(a.event(self), entry.timeMicros()))
          .endObject();
    }
    return JsonLines.line(json.endArray().endObject());
  }

  /** The fields every entry object starts with: node, index, time, event type and text. */
  void entryFields(final JsonWriter json, final Entry entry) {
    json.field("node", entry.node())
        .field("index", entry.index())
        .field("timeMicros", entry.timeMicros())
        .field("time", time.instant(entry.timeMicros()))
        .field("event", EventText.type(entry.event()))
        .field("text", events.event(entry.event(), entry.timeMicros()));
  }

  /** What the action does, in one word: start, stop, claim, release or fence. */
  static String verb(final Action a) {
    if (a instanceof Action.StartGroup) {
      return "start";
    }
    if (a instanceof Action.StopGroup) {
      return "stop";
    }
    if (a instanceof Action.AnnounceClaim) {
      return "claim";
    }
    return a instanceof Action.AnnounceRelease ? "release" : "fence";
  }

  /** The group the action is about, or the node to fence. */
  static String target(final Action a) {
    if (a instanceof Action.StartGroup s) {
      return s.group();
    }
    if (a instanceof Action.StopGroup s) {
      return s.group();
    }
    if (a instanceof Action.AnnounceClaim c) {
      return c.group();
    }
    if (a instanceof Action.AnnounceRelease r) {
      return r.group();
    }
    return ((Action.RequestFence) a).node();
  }
}
