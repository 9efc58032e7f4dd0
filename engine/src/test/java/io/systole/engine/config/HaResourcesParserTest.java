package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ResourceGroup.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** haresources as Heartbeat's ResourceManager reads it, and what Systole refuses beyond that. */
class HaResourcesParserTest {
  @TempDir Path dir;
  private ConfigFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConfigFixture(dir);
  }

  private List<ResourceGroup> groups(final String text) {
    return fx.haresources(text).ok().groups();
  }

  @Test
  void oneGroupPerLineWithAPreferredNodeAndResourcesInStartOrder() {
    final List<ResourceGroup> g =
        groups("HA1 192.168.2.3 httpd\nha2 IPaddr2::10.0.0.9/24/eth1 httpd::a::b\n");
    assertEquals(2, g.size());
    final ResourceGroup first = g.get(0);
    assertEquals("ha1", first.preferredNode(), "node names are lower-cased");
    assertEquals("IPaddr::192.168.2.3", first.name());
    assertEquals(
        new Resource(
            "IPaddr::192.168.2.3",
            "IPaddr",
            List.of("192.168.2.3"),
            fx.resourceD.resolve("IPaddr")),
        first.resources().get(0),
        "a bare IPv4 address is IPaddr::ADDR");
    assertEquals(
        new Resource("httpd", "httpd", List.of(), fx.resourceD.resolve("httpd")),
        first.resources().get(1));
    assertEquals(List.of("a", "b"), g.get(1).resources().get(1).args());
    assertEquals(2, g.get(1).line());
  }

  @Test
  void commentsContinuationsAndBlanks() {
    final List<ResourceGroup> g =
        groups("# groups\n\nha1 192.168.2.3 \\\n   httpd  # the web server\nha2\t10.0.0.8\n");
    assertEquals(2, g.size());
    assertEquals(3, g.get(0).line(), "a group is reported at the line it starts on");
    assertEquals(
        List.of("IPaddr::192.168.2.3", "httpd"),
        g.get(0).resources().stream().map(Resource::text).toList());
    assertEquals(5, g.get(1).line());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.168.2.3",
        "192.168.2.3/24",
        "192.168.2.3/24/eth0",
        "192.168.2.3/24/192.168.2.255",
        "192.168.2.3/24/eth0/192.168.2.255",
        "IPaddr::10.0.0.1/8",
        "IPaddr2::10.0.0.1/16/eth1"
      })
  void ipResourceForms(final String form) {
    assertEquals(1, groups("ha1 " + form + "\n").size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "192.168.2.3/33|'192.168.2.3/33': the netmask bits '33' is outside 1..32",
        "IPaddr::10.0.0.300|'IPaddr::10.0.0.300': 10.0.0.300 is not an IPv4 address",
        "192.168.2.3/24/192.168.2.999|'192.168.2.3/24/192.168.2.999': 192.168.2.999 is not a"
            + " broadcast address",
        "192.168.2.3/24/eth0/x|'192.168.2.3/24/eth0/x': x is not a broadcast address",
        "IPaddr::1.2.3.4::eth0|'IPaddr::1.2.3.4::eth0': an IP resource takes one argument,"
            + " ADDR[/BITS[/IFACE][/BROADCAST]]",
        "httpd::|'httpd::' is not a resource: write NAME or NAME::ARG::ARG",
        "::x|'::x' is not a resource: write NAME or NAME::ARG::ARG",
        "192.168.2.3/24/eth0/192.168.2.255/x|'192.168.2.3/24/eth0/192.168.2.255/x': too many"
            + " parts: the form is ADDR[/BITS[/IFACE][/BROADCAST]]",
        "192.168.2.3/24//|'192.168.2.3/24//': an empty part in 192.168.2.3/24//",
        "../bin/sh|'../bin/sh' is not a resource: write NAME or NAME::ARG::ARG"
      })
  void malformedResourcesAreErrors(final String resource, final String message) {
    assertEquals(
        List.of("haresources:1: " + message), fx.haresources("ha1 " + resource + "\n").errors());
  }

  @Test
  void aPreferredNodeMustBeAClusterNode() {
    assertEquals(
        List.of("haresources:2: preferred node 'ha3' is not a node in ha.cf (ha1, ha2)"),
        fx.haresources("ha1 httpd\nha3 10.0.0.5\n").errors());
  }

  @Test
  void aResourceBelongsToOneGroup() {
    assertEquals(
        List.of(
            "haresources:2: httpd is already in the group on line 1; a resource belongs to one"
                + " group (Heartbeat would run it twice)"),
        fx.haresources("ha1 10.0.0.4 httpd\nha2 10.0.0.5 httpd\n").errors());
  }

  @Test
  void aGroupNeedsResourcesAndAContinuationALine() {
    assertTrue(
        fx.haresources("ha1\n")
            .warnings()
            .contains("haresources:1: this line names ha1 but no resources; it does nothing"));
    assertEquals(
        List.of("haresources:1: the last line ends with \\ but no line follows"),
        fx.haresources("ha1 httpd \\").errors());
  }

  @Test
  void scriptsAreFoundInResourceDThenInitD() {
    fx.host.withScript(dir.resolve("init.d").resolve("postfix"));
    final Resource r = groups("ha1 postfix\n").get(0).resources().get(0);
    assertEquals(dir.resolve("init.d").resolve("postfix"), r.script());
  }

  @Test
  void aMissingScriptIsAWarningAwayFromTheNodeAndAnErrorOnIt() {
    final String message =
        "haresources:1: cannot find the script for nosuch in ["
            + fx.resourceD
            + ", "
            + dir.resolve("init.d")
            + "] (an executable file there is needed to start and stop it)";
    final ConfigResult away = fx.haresources("ha1 nosuch\n").load();
    assertTrue(away.ok());
    assertNull(away.config().groups().get(0).resources().get(0).script());
    assertTrue(away.warnings().stream().map(Diagnostic::toString).toList().contains(message));
    fx.options(fx.options().onNode(true));
    assertEquals(List.of(message), fx.errors());
  }

  @Test
  void aMissingFileIsAnErrorAsInHeartbeat() {
    assertTrue(dir.resolve("haresources").toFile().delete());
    assertEquals(
        List.of(
            "haresources: missing: "
                + dir.resolve("haresources")
                + " is needed (create it empty if the cluster has no resource groups)"),
        fx.errors());
    fx.haresources("");
    assertEquals(List.of(), fx.ok().groups());
  }
}
