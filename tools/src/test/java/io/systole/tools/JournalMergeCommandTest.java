package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Entry;
import io.systole.journal.event.NodeUp;
import io.systole.journal.memory.MemoryJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal merge} over both journals of the {@link Incident}; ha2's clock runs behind. */
class JournalMergeCommandTest {
  /**
   * The merged order, as node:index. Equal times across nodes (0 s, 2 s) go by node name; ha2's
   * round at 2.9 s (three entries at one time) keeps its index order.
   */
  private static final List<String> ORDER =
      List.of(
          "ha1:0", "ha2:0", "ha1:1", "ha2:1", "ha1:2", "ha2:2", "ha2:3", "ha2:4", "ha2:5", "ha2:6",
          "ha1:3", "ha1:4", "ha1:5", "ha2:7", "ha1:6", "ha1:7");

  @TempDir Path tmp;

  private static String merge(final String... args) {
    final String[] all = new String[args.length + 2];
    all[0] = "journal";
    all[1] = "merge";
    System.arraycopy(args, 0, all, 2, args.length);
    final Systole.Result r = Systole.run(all);
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err(), r::toString);
    return r.out();
  }

  /** The node:index of each entry line (those that start with an index). */
  private static List<String> order(final List<String> lines) {
    final List<String> order = new ArrayList<>();
    for (final String line : lines) {
      if (line.matches("\\d+ .*")) {
        final String[] words = line.split(" ");
        order.add(words[4] + ":" + words[0]);
      }
    }
    return order;
  }

  @Test
  void entriesAreInTimeThenNodeThenIndexOrderEachWithItsNodesChanges() {
    final Path ha1 = Incident.ha1(tmp);
    final Path ha2 = Incident.ha2(tmp);
    // The order of the directories on the command line does not matter.
    final List<String> lines = merge("--utc", ha2.toString(), ha1.toString()).lines().toList();
    assertEquals(ORDER, order(lines));
    // Under an entry, the changes of the node that wrote it: ha2 hears ha1.
    final int up =
        lines.indexOf(
            "2 2026-11-25 01:02:05.123456 UTC ha2 NodeUp node=ha1" + " link=\"bcast eth1\"");
    assertEquals("  changed node ha1 status unknown -> up", lines.get(up + 1));
    assertEquals(
        "  decides claim db (announce-claim: group db taken by ha2)",
        lines.get(
            lines.indexOf(
                    "3 2026-11-25 01:02:06.023456 UTC ha2 PeerStatus node=ha1 ready=true failed=[]"
                        + " standby=[] takeover=[] hears=[*] pings=[] leaving=false")
                + 2));
  }

  @Test
  void headerStatesTheOrderAndTheSkewTheAnnouncementsBound() {
    final Path ha1 = Incident.ha1(tmp);
    final Path ha2 = Incident.ha2(tmp);
    final List<String> lines = merge("--utc", ha1.toString(), ha2.toString()).lines().toList();
    assertEquals(
        List.of(
            "# merge of 2 journals, 16 entries",
            "# node ha1: 8 entries, index 0 to 7, " + ha1,
            "# node ha2: 8 entries, index 0 to 7, " + ha2,
            "# order: entry time, then node name, then index; each node's entries keep their"
                + " journal order",
            "# the order across nodes is only as good as the nodes' clocks agree (NTP): entries of"
                + " different nodes closer in time than their skew may be in either order",
            // ha2 heard ha1's claim 50 ms before ha1 made it; ha1 heard ha2's 600 ms after.
            "# clock ha2 - ha1 between -600ms and -50ms (1 and 1 announcements)",
            "# skew bound: 600ms (apparent, from announcements)"),
        lines.subList(0, 7));
  }

  @Test
  void withoutAnnouncementsBothWaysTheSkewIsUnknown() {
    final Path ha1 = Incident.ha1(tmp);
    final Path ha3 = SampleJournals.write(tmp.resolve("ha3"), "ha3", SampleJournals.tamperable());
    final List<String> lines = merge(ha1.toString(), ha3.toString()).lines().toList();
    assertTrue(
        lines.contains("# clock ha3 - ha1 unknown: no announcement between them matched"),
        lines::toString);
    assertTrue(
        lines.contains(
            "# skew bound: unknown (some pair's announcements do not bound it"
                + " both ways); the order assumes synchronized clocks"),
        lines::toString);
  }

  @Test
  void jsonIsAHeaderObjectThenOneObjectPerEntry() {
    final Path ha1 = Incident.ha1(tmp);
    final Path ha2 = Incident.ha2(tmp);
    final List<String> lines = merge("--json", ha1.toString(), ha2.toString()).lines().toList();
    assertEquals(17, lines.size());
    final Object header = Json.parse(lines.get(0));
    assertEquals("merge", Json.at(header, "type"));
    assertEquals(16L, Json.at(header, "entries"));
    assertEquals("ha2", Json.at(header, "journals", 1, "node"));
    assertEquals(ha2.toString(), Json.at(header, "journals", 1, "dir"));
    assertEquals(-600_000L, Json.at(header, "skews", 0, "minMicros"));
    assertEquals(-50_000L, Json.at(header, "skews", 0, "maxMicros"));
    assertEquals(600_000L, Json.at(header, "skewBoundMicros"));
    assertEquals(null, Json.at(header, "out"));
    final List<String> order = new ArrayList<>();
    for (final String line : lines.subList(1, 17)) {
      final Object entry = Json.parse(line);
      order.add(Json.at(entry, "node") + ":" + Json.at(entry, "index"));
    }
    assertEquals(ORDER, order);
  }

  @Test
  void outWritesTheJsonLinesToANewFileAndRefusesToOverwriteIt() throws IOException {
    final Path ha1 = Incident.ha1(tmp);
    final Path ha2 = Incident.ha2(tmp);
    final Path out = tmp.resolve("incident");
    final List<String> printed =
        merge(ha1.toString(), ha2.toString(), "--out", out.toString()).lines().toList();
    final Path file = out.resolve("merged.jsonl");
    assertEquals("# written to " + file, printed.get(printed.size() - 1));
    assertEquals(8, printed.size(), printed::toString); // the header only
    final List<String> written = Files.readAllLines(file);
    final List<String> json = merge("--json", ha1.toString(), ha2.toString()).lines().toList();
    assertEquals(json.subList(1, 17), written.subList(1, 17));
    assertEquals(file.toString(), Json.at(Json.parse(written.get(0)), "out"));

    final Systole.Result again =
        Systole.run("journal", "merge", ha1.toString(), "--out", out.toString());
    assertEquals(2, again.status(), again::toString);
    assertEquals(
        "systole journal merge: " + file + " already exists; give --out a new directory",
        again.err().strip());
    assertEquals(written, Files.readAllLines(file));
  }

  @Test
  void twoJournalsOfOneNodeAreAUsageError() {
    final Path ha1 = Incident.ha1(tmp);
    final Systole.Result r = Systole.run("journal", "merge", ha1.toString(), ha1.toString());
    assertEquals(2, r.status(), r::toString);
    assertTrue(
        r.err().contains("are both journals of node ha1; give each node's journal once"),
        r::toString);
  }

  @Test
  void aNodesOwnEntriesKeepTheirOrderWhenItsClockStepsBack() {
    try (MemoryJournal ha1 = new MemoryJournal("ha1");
        MemoryJournal ha2 = new MemoryJournal("ha2")) {
      ha1.append(10, new NodeUp("ha2", "eth0"));
      ha1.append(5, new NodeUp("ha2", "eth1")); // ha1's clock stepped back
      ha2.append(7, new NodeUp("ha1", "eth0"));
      final List<String> order = new ArrayList<>();
      try (MergedEntries merged = new MergedEntries(List.of(ha1, ha2))) {
        for (Entry e = merged.next(); e != null; e = merged.next()) {
          order.add(e.node() + ":" + e.index());
        }
      }
      assertEquals(List.of("ha2:0", "ha1:0", "ha1:1"), order);
    }
  }
}
