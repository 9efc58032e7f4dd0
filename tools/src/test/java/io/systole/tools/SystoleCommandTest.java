package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystoleCommandTest {
  @Test
  void helpListsEveryCommandAsATree() {
    final Systole.Result r = Systole.run("--help");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().contains("Usage: systole"), r::toString);
    assertTrue(r.out().matches("(?s).*\n  config +Tools for the configuration.*"), r::toString);
    assertTrue(r.out().matches("(?s).*\n    check +Check a configuration.*"), r::toString);
    assertTrue(r.out().matches("(?s).*\n  journal +Offline.*"), r::toString);
    assertTrue(r.out().matches("(?s).*\n    audit +Prove journals.*"), r::toString);
    assertTrue(r.out().matches("(?s).*\n    dump +Print journal entries.*"), r::toString);
  }

  @Test
  void versionNamesTheBuild() {
    final Systole.Result r = Systole.run("--version");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().startsWith("systole 0."), r::toString);
  }

  @Test
  void noCommandIsAUsageError() {
    final Systole.Result r = Systole.run();
    assertEquals(2, r.status(), r::toString);
    assertTrue(r.err().contains("Missing required subcommand"), r::toString);
  }

  @Test
  void unknownOptionIsAUsageError() {
    final Systole.Result r = Systole.run("journal", "audit", "--bogus", "x");
    assertEquals(2, r.status(), r::toString);
    assertTrue(r.err().contains("Unknown option: '--bogus'"), r::toString);
  }

  @Test
  void helpCommandShowsASubcommandsUsage() {
    final Systole.Result r = Systole.run("help", "journal");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().contains("Usage: systole journal"), r::toString);
  }
}
