package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ResourceGroup.OcfAgent;
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
  void anOcfResourceNamesItsAgentAndParameters() {
    final Path agent = Path.of("/usr/lib/ocf/resource.d/heartbeat/Filesystem");
    fx.host.withScript(agent);
    final Resource r =
        groups("ha1 10.0.0.5 ocf:heartbeat:Filesystem::device=/dev/sdb1::directory=/srv::fstype=\n")
            .get(0)
            .resources()
            .get(1);
    assertEquals(
        new Resource(
            "ocf:heartbeat:Filesystem::device=/dev/sdb1::directory=/srv::fstype=",
            "ocf:heartbeat:Filesystem",
            List.of("device=/dev/sdb1", "directory=/srv", "fstype="),
            agent,
            new OcfAgent("heartbeat", "Filesystem")),
        r);
    assertEquals("ocf:heartbeat:Filesystem", r.ocf().toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "ocf:heartbeat|'ocf:heartbeat': an OCF agent is written ocf:PROVIDER:TYPE::NAME=VALUE::...",
        "ocf:a:b:c|'ocf:a:b:c': an OCF agent is written ocf:PROVIDER:TYPE::NAME=VALUE::...",
        "ocf:heartbeat:|'ocf:heartbeat:': an OCF agent is written ocf:PROVIDER:TYPE::NAME=VALUE::...",
        "ocf:..:Dummy|'ocf:..:Dummy': an OCF agent is written ocf:PROVIDER:TYPE::NAME=VALUE::...",
        "ocf:pacemaker:Dummy::state|'ocf:pacemaker:Dummy::state': state is not NAME=VALUE (the"
            + " agent gets it as OCF_RESKEY_NAME)",
        "ocf:pacemaker:Dummy::a-b=1|'ocf:pacemaker:Dummy::a-b=1': a-b=1 is not NAME=VALUE (the"
            + " agent gets it as OCF_RESKEY_NAME)",
        "ocf:pacemaker:Dummy::x=1::x=2|'ocf:pacemaker:Dummy::x=1::x=2': x=2 sets a parameter a"
            + " second time"
      })
  void malformedOcfResourcesAreErrorsNamingFileAndLine(
      final String resource, final String message) {
    fx.host.withScript(Path.of("/usr/lib/ocf/resource.d/pacemaker/Dummy"));
    assertEquals(
        List.of("haresources:2: " + message),
        fx.haresources("# two groups\nha1 " + resource + "\n").errors());
  }

  @Test
  void aMissingOcfAgentIsAWarningAwayFromTheNodeAndAnErrorOnIt() {
    final String message =
        "haresources:1: cannot find the OCF agent ocf:heartbeat:nosuch at"
            + " /usr/lib/ocf/resource.d/heartbeat/nosuch (Debian's resource-agents package installs"
            + " it)";
    fx.haresources("ha1 ocf:heartbeat:nosuch::a=1\n");
    final ConfigResult away = fx.load();
    assertTrue(away.ok());
    assertEquals(
        new OcfAgent("heartbeat", "nosuch"),
        away.config().groups().get(0).resources().get(0).ocf());
    assertTrue(away.warnings().stream().map(Diagnostic::toString).toList().contains(message));
    fx.options(fx.options().onNode(true));
    assertEquals(List.of(message), fx.errors());
  }

  @Test
  void ipResourcesRunAsTheOcfAgentIpaddr2EvenWhenResourceDHasAScript() {
    final Path agent = Path.of("/usr/lib/ocf/resource.d/heartbeat/IPaddr2");
    fx.host.withScript(agent);
    final List<Resource> rs =
        groups("ha1 10.0.0.5/24 IPaddr::10.0.0.6 IPaddr2::10.0.0.7/24/eth1\n").get(0).resources();
    for (final Resource r : rs) {
      assertEquals(agent, r.script(), r.text());
      assertEquals(ResourceGroup.IP_AGENT, r.ocf(), r.text());
      assertTrue(r.isIpAddress());
    }
    assertEquals(List.of("10.0.0.5/24"), rs.get(0).args());
  }

  @Test
  void withoutTheOcfAgentAnIpResourceRunsHeartbeatsScript() {
    final Resource r = groups("ha1 10.0.0.5\n").get(0).resources().get(0);
    assertEquals(fx.resourceD.resolve("IPaddr"), r.script());
    assertNull(r.ocf(), "a script, judged as Heartbeat's");
    final FakeHost bare = new FakeHost("ha1").withInterface("eth1");
    fx.options(fx.options().withFacts(bare).onNode(true));
    assertEquals(
        List.of(
            "haresources:1: cannot find the script for IPaddr in ["
                + fx.resourceD
                + ", "
                + dir.resolve("init.d")
                + "] nor the OCF agent /usr/lib/ocf/resource.d/heartbeat/IPaddr2 that Systole runs"
                + " for it (Debian's resource-agents package installs it)"),
        fx.errors());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.5|10.0.0.5|0||",
        "10.0.0.5/24|10.0.0.5|24||",
        "10.0.0.5/24/eth1|10.0.0.5|24|eth1|",
        "10.0.0.5/24/10.0.0.255|10.0.0.5|24||10.0.0.255",
        "10.0.0.5/24/eth1/10.0.0.255|10.0.0.5|24|eth1|10.0.0.255"
      })
  void heartbeatsIpFormsName(
      final String form, final String ip, final int bits, final String nic, final String brd) {
    assertEquals(
        new ResourceGroup.IpAddress(ip, bits, nic == null ? "" : nic, brd == null ? "" : brd),
        ResourceGroup.IpAddress.parse(form));
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
