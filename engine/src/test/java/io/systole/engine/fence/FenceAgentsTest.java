package io.systole.engine.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.HaCf.Stonith;
import io.systole.engine.resource.ActionRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device a node fences with, picked and built from ha.cf's stonith lines. */
class FenceAgentsTest {
  private final FenceAgents agents = new FenceAgents(new ActionRunner(), Path.of("/plugins"));

  @Test
  void theFirstLineForAllHostsOrForThisNodeApplies() {
    final List<Stonith> devices =
        List.of(
            new Stonith("ha1", "meatware", List.of()),
            new Stonith("ha2", "external", List.of("/usr/sbin/fence-a")),
            new Stonith("*", "null", List.of()));
    assertEquals("meatware", agents.forNode(devices, "ha1").orElseThrow().describe());
    assertEquals(
        "external /usr/sbin/fence-a", agents.forNode(devices, "ha2").orElseThrow().describe());
    assertEquals("null", agents.forNode(devices, "ha3").orElseThrow().describe());
    assertTrue(agents.forNode(devices.subList(0, 2), "ha3").isEmpty());
  }

  @Test
  void theStonithLineFormGivesTheProgramAsItsOneParameter() {
    assertEquals(
        "external /usr/sbin/fence-a",
        agents.of(new Stonith("*", "external", List.of("/usr/sbin/fence-a"))).describe());
  }

  @Test
  void aPluginIsLookedForInThePluginDirectory() {
    final FenceAgent a = agents.of(new Stonith("*", "external/ipmi", List.of("ha2")));
    assertInstanceOf(ExternalAgent.class, a);
    assertEquals("external/ipmi", a.describe());
  }

  @Test
  void anUnknownTypeIsNamedWithTheSupportedOnes() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> agents.of(new Stonith("*", "apcsmart", List.of("/etc/ha.d/apc.cfg"))));
    assertTrue(e.getMessage().contains("apcsmart"), e.getMessage());
    assertTrue(e.getMessage().contains("external, external/NAME, meatware, null"), e.getMessage());
  }

  @Test
  void externalWithoutAProgramSaysHowToWriteIt() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> agents.of(new Stonith("*", "external", List.of())));
    assertTrue(e.getMessage().contains("stonith_host * external /path/to/program"));
  }
}
