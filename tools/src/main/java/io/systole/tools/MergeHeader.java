package io.systole.tools;

import io.systole.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code journal merge} says before the entries: the journals merged, the order, and what the
 * order is worth given the nodes' clocks ({@link ClockSkew}); in words, each line starting with
 * {@code #} so that it stands apart from the entries, or as one JSON object on one line.
 */
final class MergeHeader {
  private static final String ORDER =
      "order: entry time, then node name, then index; each node's entries keep their journal order";
  private static final String CAVEAT =
      "the order across nodes is only as good as the nodes' clocks agree (NTP): entries of"
          + " different nodes closer in time than their skew may be in either order";

  private final List<ChronicleJournal> journals;
  private final List<Long> counts;
  private final List<ClockSkew.Pair> pairs;
  private final Path file;

  /**
   * The header for {@code journals}, holding {@code counts} entries each, with the skew {@code
   * pairs}, written to {@code file} (null when printed).
   */
  MergeHeader(
      final List<ChronicleJournal> journals,
      final List<Long> counts,
      final List<ClockSkew.Pair> pairs,
      final Path file) {
    this.journals = journals;
    this.counts = counts;
    this.pairs = pairs;
    this.file = file;
  }

  private long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The largest skew any pair allows, or null when a pair's skew is not bounded both ways (or there
   * is only one node, which needs none).
   */
  Long boundMicros() {
    long bound = 0;
    for (final ClockSkew.Pair p : pairs) {
      if (p.boundMicros() == null) {
        return null;
      }
      bound = Math.max(bound, p.boundMicros());
    }
    return pairs.isEmpty() ? null : bound;
  }

  /** The header in words. */
  List<String> lines() {
    final List<String> lines = new ArrayList<>();
    lines.add("# merge of " + journals.size() + " journals, " + total() + " entries");
    for (int i = 0; i < journals.size(); i++) {
      final ChronicleJournal j = journals.get(i);
      lines.add(
          "# node "
              + EventText.quote(j.node())
              + ": "
              + counts.get(i)
              + " entries, index "
              + j.firstIndex()
              + " to "
              + j.lastIndex()
              + ", "
              + EventText.escape(j.directory().toString()));
    }
    lines.add("# " + ORDER);
    lines.add("# " + CAVEAT);
    for (final ClockSkew.Pair p : pairs) {
      lines.add("# " + p.text());
    }
    final Long bound = boundMicros();
    if (!pairs.isEmpty()) {
      lines.add(
          bound == null
              ? "# skew bound: unknown (some pair's announcements do not bound it both ways);"
                  + " the order assumes synchronized clocks"
              : "# skew bound: " + TimeText.duration(bound) + " (apparent, from announcements)");
    }
    if (file != null) {
      lines.add("# written to " + EventText.escape(file.toString()));
    }
    return lines;
  }

  /** The header as one JSON object, on one line. */
  String json() {
    final JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "merge")
            .field("entries", total())
            .field("order", "time,node,index")
            .field("caveat", CAVEAT)
            .name("journals")
            .beginArray();
    for (int i = 0; i < journals.size(); i++) {
      final ChronicleJournal j = journals.get(i);
      json.beginObject()
          .field("node", j.node())
          .field("dir", j.directory().toString())
          .field("entries", counts.get(i))
          .field("firstIndex", j.firstIndex())
          .field("lastIndex", j.lastIndex())
          .endObject();
    }
    json.endArray().name("skews").beginArray();
    for (final ClockSkew.Pair p : pairs) {
      json.beginObject().field("node", p.node()).field("peer", p.peer());
      micros(json, "minMicros", p.minMicros());
      micros(json, "maxMicros", p.maxMicros());
      json.field("toPeer", p.toPeer()).field("toNode", p.toNode()).endObject();
    }
    json.endArray();
    micros(json, "skewBoundMicros", boundMicros());
    json.field("out", file == null ? null : file.toString());
    return JsonLines.line(json.endObject());
  }

  private static void micros(final JsonWriter json, final String name, final Long micros) {
    if (micros == null) {
      json.field(name, (String) null);
    } else {
      json.field(name, micros.longValue());
    }
  }
}
