package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal what-if} over ha2's journal, written by the real logic under auto_failback on: ha2
 * took web over while ha1 was dead, and when ha1 came back ha2 stopped web and released it so that
 * ha1 took its group back. Under auto_failback off exactly that round differs.
 */
class JournalWhatIfCommandTest {
  private static final String WEB = "IPaddr::10.0.0.10";
  private static final String HA_CF =
      "keepalive 1\ndeadtime 5\ninitdead 30\nbcast lo\nauto_failback %s\nnode ha1\nnode ha2\n";
  private static final String HARESOURCES = "ha1 " + WEB + "\nha2 IPaddr::10.0.0.11\n";

  @TempDir Path tmp;
  private Path journal;

  @BeforeEach
  void writeTheFailback() throws IOException {
    final ConfigLoaded on = config("on").event();
    assertNotNull(on, () -> config("on").diagnostics().toString());
    journal =
        Incident.write(
            tmp.resolve("ha2"),
            "ha2",
            List.of(
                new Incident.Input(0, new DaemonStarted("0.1.0", 202)),
                new Incident.Input(1000, on),
                new Incident.Input(2000, new NodeDead("ha1", 30_000_000, true, 0, List.of())),
                new Incident.Input(2500, new GroupStart(WEB, Phase.SUCCEEDED, "")),
                new Incident.Input(5000, new NodeUp("ha1", "bcast lo")),
                new Incident.Input(6000, peerStatus()),
                new Incident.Input(6500, new GroupStop(WEB, Phase.SUCCEEDED, "")),
                new Incident.Input(7000, new PeerClaim("ha1", WEB, 2))));
    Systole.journal(0, "replay", journal, "--check");
  }

  private static PeerStatus peerStatus() {
    return new PeerStatus("ha1", true, List.of(), List.of(), List.of());
  }

  /** ha.cf and haresources with auto_failback {@code failback} in tmp/{@code failback}. */
  private Path configFiles(final String failback) throws IOException {
    final Path dir = Files.createDirectories(tmp.resolve("etc-" + failback));
    Files.writeString(dir.resolve("haresources"), HARESOURCES);
    return Files.writeString(dir.resolve("ha.cf"), String.format(HA_CF, failback));
  }

  private WhatIfConfig config(final String failback) {
    try {
      final Path haCf = configFiles(failback);
      return WhatIfConfig.load(haCf, haCf.resolveSibling("haresources"), "ha2");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private int indexOf(final Object event) {
    final List<String> dump = Systole.journal(0, "dump", journal, "--utc").lines();
    final String text =
        new EventText(new TimeText(TimeText.UTC)).event((io.systole.journal.event.Event) event, 0);
    for (int i = 0; i < dump.size(); i++) {
      if (dump.get(i).endsWith(" " + text)) {
        return i;
      }
    }
    throw new AssertionError(event + " not in " + dump);
  }

  @Test
  void failbackOffDiffersExactlyWhereTheFailbackStopWasTaken() throws IOException {
    final Path off = configFiles("off");
    final Systole.Result r =
        Systole.journal(1, "what-if", journal, "--utc", "--config", off.toString());
    final int status = indexOf(peerStatus());
    final List<String> lines = r.lines();
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "what-if of ha2's journal "
                    + journal
                    + " under "
                    + off
                    + ": auto_failback off, nodes ha1 ha2, groups"),
        r::toString);
    assertTrue(lines.get(1).contains("are not invented"), r::toString);
    assertEquals(
        List.of(
            "round after " + Systole.journal(0, "dump", journal, "--utc").lines().get(status),
            "  recorded stop "
                + WEB
                + " (stop-failback: node ha1 up and ready; group "
                + WEB
                + " preferred ha1; auto_failback on)",
            "  what-if  nothing",
            "  no longer followed: " + WEB),
        lines.subList(2, 6),
        r::toString);
    assertTrue(lines.get(6).startsWith("what-if: "), r::toString);
    assertTrue(
        lines
            .get(6)
            .endsWith(
                " rounds compared, 1 differ, the first after entry "
                    + status
                    + " at 2026-11-25 01:02:09.123456 UTC; no longer followed: "
                    + WEB),
        r::toString);
    assertEquals(7, lines.size(), r::toString);
  }

  @Test
  void theSameConfigurationDiffersNowhere() throws IOException {
    final Path on = configFiles("on");
    final Systole.Result r =
        Systole.journal(
            0,
            "what-if",
            journal,
            "--config",
            on.toString(),
            "--haresources",
            on.resolveSibling("haresources").toString());
    assertEquals(3, r.lines().size(), r::toString);
    assertTrue(r.lines().get(2).matches("what-if: \\d+ rounds compared, 0 differ"), r::toString);
  }

  @Test
  void jsonHasAHeaderARoundPerDifferenceAndASummary() throws IOException {
    final Path off = configFiles("off");
    final Systole.Result r =
        Systole.journal(1, "what-if", journal, "--json", "--config", off.toString());
    assertEquals(3, r.lines().size(), r::toString);
    final Object header = Json.parse(r.lines().get(0));
    assertEquals("what-if", Json.at(header, "type"));
    assertEquals("ha2", Json.at(header, "node"));
    assertEquals("off", Json.at(header, "failback"));
    assertEquals(List.of("ha1", "ha2"), Json.at(header, "nodes"));
    assertEquals(WEB, Json.at(header, "groups", 0, "name"));
    assertEquals("ha1", Json.at(header, "groups", 0, "preferred"));
    final Object round = Json.parse(r.lines().get(1));
    assertEquals("round", Json.at(round, "type"));
    assertEquals((long) indexOf(peerStatus()), Json.at(round, "index"));
    assertEquals("PeerStatus", Json.at(round, "event"));
    assertEquals("stop", Json.at(round, "recorded", 0, "action"));
    assertEquals(WEB, Json.at(round, "recorded", 0, "target"));
    assertEquals("stop-failback", Json.at(round, "recorded", 0, "rule"));
    assertEquals(List.of(), Json.at(round, "derived"));
    assertEquals(List.of(WEB), Json.at(round, "dropped"));
    final Object summary = Json.parse(r.lines().get(2));
    assertEquals("summary", Json.at(summary, "type"));
    assertEquals(1L, Json.at(summary, "differing"));
    assertEquals(Json.at(round, "index"), Json.at(summary, "firstIndex"));
    assertEquals(List.of(WEB), Json.at(summary, "unfollowed"));
  }

  @Test
  void aConfigurationWithErrorsIsAUsageErrorWithItsDiagnostics() throws IOException {
    final Path haCf = configFiles("off");
    Files.writeString(haCf, "frobnicate yes\n", java.nio.file.StandardOpenOption.APPEND);
    final Systole.Result r = Systole.journal(2, "what-if", journal, "--config", haCf.toString());
    assertEquals("", r.out());
    assertTrue(r.err().contains(haCf + ":8: unknown directive 'frobnicate'"), r::toString);
    assertTrue(r.err().contains("systole journal what-if: " + haCf + " has errors"), r::toString);

    final Systole.Result missing =
        Systole.journal(
            2,
            "what-if",
            journal,
            "--config",
            haCf.toString(),
            "--haresources",
            tmp.resolve("none").toString());
    assertTrue(missing.err().contains(tmp.resolve("none") + ": missing"), missing::toString);

    final Path etc = SampleJournals.notAJournal(tmp.resolve("etc"));
    final Systole.Result notJournal =
        Systole.journal(2, "what-if", etc, "--config", haCf.toString());
    assertTrue(
        notJournal
            .err()
            .startsWith("systole journal what-if: " + etc + " is not a Systole journal"),
        notJournal::toString);
  }
}
