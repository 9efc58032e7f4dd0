package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Prometheus page, from a known state: its exact lines, its families, its escaping. */
class MetricsTextTest {
  private static List<String> lines() {
    return List.of(
        MetricsText.render(StatusTextTest.snapshot(), new JournalCounters()).split("\n"));
  }

  @Test
  void showsNodesLinksGroupsDropsAndTheJournalPositionAsSamples() {
    final List<String> lines = lines();
    for (final String expected :
        List.of(
            "systole_generation 1795579892",
            "systole_journal_index 4",
            "systole_quorum 1",
            "systole_node_up{node=\"ha1\"} 1",
            "systole_node_up{node=\"ha2\"} 0",
            "systole_node_status{node=\"ha1\",status=\"up\"} 1",
            "systole_node_status{node=\"ha2\",status=\"dead\"} 1",
            "systole_node_status{node=\"ha2\",status=\"up\"} 0",
            "systole_link_up{node=\"ha2\",link=\"eth0\"} 0",
            "systole_late_heartbeats_total{node=\"ha2\"} 0",
            "systole_group_running{group=\"web\"} 0",
            "systole_group_status{group=\"web\",status=\"starting\"} 1",
            "systole_dropped_messages_total{reason=\"bad_auth\"} 3",
            "systole_dropped_messages_total{reason=\"replayed\"} 0",
            "systole_lost_messages_total{node=\"ha2\"} 2",
            "systole_failovers_total 0")) {
      assertTrue(lines.contains(expected), expected + " in\n" + String.join("\n", lines));
    }
  }

  @Test
  void everyFamilyHasOneHelpAndOneTypeLineBeforeItsSamples() {
    final Set<String> typed = new HashSet<>();
    final List<String> helped = new ArrayList<>();
    for (final String line : lines()) {
      if (line.startsWith("# HELP ")) {
        helped.add(line.split(" ")[2]);
      } else if (line.startsWith("# TYPE ")) {
        final String name = line.split(" ")[2];
        assertTrue(typed.add(name), "TYPE twice: " + name);
        assertEquals(name, helped.get(helped.size() - 1), "HELP right before TYPE");
      } else {
        final String name = line.split("[ {]")[0];
        assertTrue(
            typed.contains(name) || typed.contains(name.replaceAll("_(sum|count)$", "")),
            "sample before its family: " + line);
        assertTrue(name.startsWith("systole_"), line);
      }
    }
    assertEquals(typed.size(), helped.size());
    assertEquals(typed.size(), new HashSet<>(helped).size());
  }

  @Test
  void labelValuesAndHelpAreEscaped() {
    final String page =
        new Exposition()
            .family("systole_x", "gauge", "a \\ and a\nline")
            .sample("systole_x", 1L, "node", "say \"hi\"\\\nbye", "link", "eth0")
            .toString();
    assertEquals(
        "# HELP systole_x a \\\\ and a\\nline\n"
            + "# TYPE systole_x gauge\n"
            + "systole_x{node=\"say \\\"hi\\\"\\\\\\nbye\",link=\"eth0\"} 1\n",
        page);
  }
}
