package io.systole.tools;

import io.systole.engine.replay.WhatIf;
import io.systole.journal.Entry;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code journal what-if}'s findings: a header naming the journal and the configuration, a
 * block per round that differs (the input the node decided after, then what it recorded and what
 * the other configuration derives, each with its rule and reason), and a summary; or the same as
 * JSON objects, one per line (tools/JSON.md).
 */
final class WhatIfText {
  /** Why a what-if stops following a group: said in the header, the --help and tools/JSON.md. */
  static final String CAVEAT =
      "inputs are folded as recorded; outcomes of actions the node never took under this"
          + " configuration cannot be known and are not invented: once a group's decisions differ"
          + " it is no longer followed (its later decisions are not compared)";

  private final TimeText time;
  private final EventText events;
  private final ReplayText replay;

  /** Prints times with {@code time}. */
  WhatIfText(final TimeText time) {
    this.time = time;
    this.events = new EventText(time);
    this.replay = new ReplayText(time);
  }

  /** The header: which journal, under which configuration, and the caveat. */
  List<String> header(final String node, final String dir, final ConfigLoaded config) {
    final List<String> groups = new ArrayList<>();
    for (final ConfigLoaded.Group g : config.groups()) {
      groups.add(EventText.quote(g.name()) + " (" + EventText.quote(g.preferredNode()) + ")");
    }
    return List.of(
        "what-if of "
            + EventText.quote(node)
            + "'s journal "
            + dir
            + " under "
            + config.source()
            + ": auto_failback "
            + config.failback().name().toLowerCase(java.util.Locale.ROOT)
            + ", nodes "
            + String.join(" ", config.nodes())
            + ", groups "
            + (groups.isEmpty() ? "none" : String.join(" ", groups))
            + ", fencing "
            + (config.fenceAgent().isEmpty() ? "none" : config.fenceAgent()),
        "(" + CAVEAT + ")");
  }

  /** A round that differs. */
  List<String> lines(final WhatIf.Round round) {
    final List<String> lines = new ArrayList<>();
    lines.add("round after " + events.entry(round.input()));
    decisions(lines, "  recorded ", round.recorded(), round.input());
    decisions(lines, "  what-if  ", round.derived(), round.input());
    lines.add("  no longer followed: " + String.join(" ", round.dropped()));
    return lines;
  }

  private void decisions(
      final List<String> lines,
      final String prefix,
      final List<WhatIf.Decision> decisions,
      final Entry at) {
    if (decisions.isEmpty()) {
      lines.add(prefix + "nothing");
    }
    for (final WhatIf.Decision d : decisions) {
      lines.add(
          prefix
              + verb(d.event())
              + " "
              + EventText.quote(target(d.event()))
              + " ("
              + (d.action() == null
                  ? "not re-derived: " + events.event(d.event(), at.timeMicros())
                  : EventText.escape(d.action().reason().text()))
              + ")");
    }
  }

  /** The summary line. */
  String summary(final WhatIf whatIf) {
    final WhatIf.Round first = whatIf.first();
    return "what-if: "
        + whatIf.rounds()
        + " rounds compared, "
        + whatIf.differing()
        + " differ"
        + (first == null
            ? ""
            : ", the first after entry "
                + first.input().index()
                + " at "
                + time.instant(first.input().timeMicros())
                + "; no longer followed: "
                + String.join(" ", whatIf.unfollowed()));
  }

  /** The header as one JSON object. */
  String headerJson(final String node, final String dir, final ConfigLoaded config) {
    final JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "what-if")
            .field("node", node)
            .field("journal", dir)
            .field("config", config.source())
            .field("failback", config.failback().name().toLowerCase(java.util.Locale.ROOT))
            .field("nodes", config.nodes())
            .name("groups")
            .beginArray();
    for (final ConfigLoaded.Group g : config.groups()) {
      json.beginObject()
          .field("name", g.name())
          .field("preferred", g.preferredNode())
          .field("resources", g.resources())
          .endObject();
    }
    return JsonLines.line(
        json.endArray()
            .field("fenceAgent", config.fenceAgent())
            .field("caveat", CAVEAT)
            .endObject());
  }

  /** A round that differs as one JSON object. */
  String json(final WhatIf.Round round) {
    final JsonWriter json = new JsonWriter().beginObject().field("type", "round");
    replay.entryFields(json, round.input());
    decisionsJson(json.name("recorded"), round.recorded(), round.input());
    decisionsJson(json.name("derived"), round.derived(), round.input());
    return JsonLines.line(json.field("dropped", round.dropped()).endObject());
  }

  private void decisionsJson(
      final JsonWriter json, final List<WhatIf.Decision> decisions, final Entry at) {
    json.beginArray();
    for (final WhatIf.Decision d : decisions) {
      json.beginObject()
          .field("action", verb(d.event()))
          .field("target", target(d.event()))
          .field("rule", d.action() == null ? null : d.action().reason().rule().label())
          .field("reason", d.action() == null ? null : d.action().reason().text())
          .field("event", events.event(d.event(), at.timeMicros()))
          .endObject();
    }
    json.endArray();
  }

  /** The summary as one JSON object. */
  String summaryJson(final WhatIf whatIf) {
    final WhatIf.Round first = whatIf.first();
    final JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "summary")
            .field("rounds", whatIf.rounds())
            .field("differing", whatIf.differing());
    if (first == null) {
      json.field("firstIndex", (String) null)
          .field("firstTimeMicros", (String) null)
          .field("firstTime", (String) null);
    } else {
      json.field("firstIndex", first.input().index())
          .field("firstTimeMicros", first.input().timeMicros())
          .field("firstTime", time.instant(first.input().timeMicros()));
    }
    return JsonLines.line(json.field("unfollowed", whatIf.unfollowed()).endObject());
  }

  /** What an action entry does, in one word, as replay's decisions say it. */
  static String verb(final Event event) {
    if (event instanceof GroupStart) {
      return "start";
    }
    if (event instanceof GroupStop) {
      return "stop";
    }
    if (event instanceof PeerClaim) {
      return "claim";
    }
    return event instanceof PeerRelease ? "release" : "fence";
  }

  /** The group an action entry is about, or the node it fences. */
  static String target(final Event event) {
    return event instanceof Fence f ? f.target() : WhatIf.targetOf(event);
  }
}
