package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.ResourceGroup;
import io.systole.engine.config.ResourceGroup.OcfAgent;
import io.systole.engine.config.ResourceGroup.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From a haresources resource to the command line and environment that carry out a verb. */
class ResourceAgentsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final ResourceAgents agents =
      new ResourceAgents(new ScriptEnvironment("ha1", Path.of("/etc/ha.d")));

  private Path executable(final Path path) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  /** The groups of {@code haresources}, with scripts looked up in dir/resource.d and dir/init.d. */
  private List<ResourceGroup> load(final String haresources) throws IOException {
    Files.writeString(dir.resolve("ha.cf"), "bcast eth9\nnode ha1 ha2\nauto_failback off\n");
    Files.writeString(dir.resolve("haresources"), haresources);
    final Path keys = Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 secret\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    final ConfigResult r =
        ConfigLoader.load(
            dir,
            ConfigLoader.Options.forNode("ha1")
                .withResourceDirs(dir.resolve("resource.d"), dir.resolve("init.d")));
    assertTrue(r.ok(), () -> "errors: " + r.errors());
    final ClusterConfig c = r.config();
    return c.groups();
  }

  @Test
  void scriptsRunFromResourceDFirstThenInitDWithTheirArgumentsAndTheAction() throws IOException {
    final Path web = executable(dir.resolve("resource.d/web"));
    executable(dir.resolve("init.d/web"));
    final Path db = executable(dir.resolve("init.d/db"));
    final List<Resource> rs = load("ha1 web::8080::/srv db\n").get(0).resources();
    final Invocation start = agents.resolve("web::8080::/srv", rs.get(0), Verb.START, TIMEOUT);
    assertEquals(List.of(web.toString(), "8080", "/srv", "start"), start.command());
    assertEquals(Convention.SCRIPT, start.convention());
    assertEquals("ha1", start.environment().get("HA_CURHOST"));
    assertEquals("/etc/ha.d", start.environment().get("HA_DIR"));
    assertEquals("/etc/ha.d/shellfuncs", start.environment().get("HA_FUNCS"));
    assertFalse(start.environment().containsKey("LC_ALL"), "a service keeps its locale");
    assertEquals("[web::8080::/srv] web::8080::/srv start", start.tag());
    final Invocation stop = agents.resolve("g", rs.get(1), Verb.STOP, TIMEOUT);
    assertEquals(List.of(db.toString(), "stop"), stop.command());
  }

  @Test
  void aScriptsStatusAndMonitorAreItsStatusReadInTheCLocale() throws IOException {
    final Path db = executable(dir.resolve("init.d/db"));
    final Resource r = load("ha1 db\n").get(0).resources().get(0);
    for (final Verb v : List.of(Verb.STATUS, Verb.MONITOR)) {
      final Invocation i = agents.resolve("db", r, v, TIMEOUT);
      assertEquals(List.of(db.toString(), "status"), i.command());
      assertEquals("C", i.environment().get("LC_ALL"));
    }
  }

  @Test
  void anOcfAgentGetsItsRootInstanceParametersAndTimeout() throws IOException {
    final Path agent = executable(dir.resolve("ocf/resource.d/acme/Web"));
    final Resource r =
        new Resource(
            "ocf:acme:Web::port=8080::opts=a=b",
            "ocf:acme:Web",
            List.of("port=8080", "opts=a=b"),
            agent);
    final Invocation start = agents.resolve("g", r, Verb.START, Duration.ofMillis(1500));
    assertEquals(List.of(agent.toString(), "start"), start.command());
    assertEquals(Convention.OCF, start.convention());
    final Map<String, String> env = start.environment();
    assertEquals(dir.resolve("ocf").toString(), env.get("OCF_ROOT"));
    assertEquals("1", env.get("OCF_RA_VERSION_MAJOR"));
    assertEquals("0", env.get("OCF_RA_VERSION_MINOR"));
    assertEquals("ocf_acme_Web__port_8080__opts_a_b", env.get("OCF_RESOURCE_INSTANCE"));
    assertEquals("Web", env.get("OCF_RESOURCE_TYPE"));
    assertEquals("acme", env.get("OCF_RESOURCE_PROVIDER"));
    assertEquals("8080", env.get("OCF_RESKEY_port"));
    assertEquals("a=b", env.get("OCF_RESKEY_opts"));
    assertEquals("1500", env.get("OCF_RESKEY_CRM_meta_timeout"));
    assertEquals("ha1", env.get("HA_CURHOST"));
    assertFalse(env.containsKey("OCF_RESKEY_CRM_meta_interval"));
    final Invocation probe = agents.resolve("g", r, Verb.STATUS, TIMEOUT);
    assertEquals(List.of(agent.toString(), "monitor"), probe.command());
    assertEquals("0", probe.environment().get("OCF_RESKEY_CRM_meta_interval"), "a probe");
    assertEquals(
        List.of(agent.toString(), "monitor"),
        agents.resolve("g", r, Verb.MONITOR, TIMEOUT).command());
    assertEquals(
        List.of(agent.toString(), "stop"), agents.resolve("g", r, Verb.STOP, TIMEOUT).command());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.5|ip=10.0.0.5",
        "10.0.0.5/24|ip=10.0.0.5 cidr_netmask=24",
        "10.0.0.5/24/eth1|ip=10.0.0.5 cidr_netmask=24 nic=eth1",
        "10.0.0.5/24/10.0.0.255|ip=10.0.0.5 cidr_netmask=24 broadcast=10.0.0.255",
        "10.0.0.5/24/eth1/10.0.0.255|ip=10.0.0.5 cidr_netmask=24 nic=eth1 broadcast=10.0.0.255"
      })
  void heartbeatsIpFormsBecomeTheIpaddr2AgentsParameters(final String form, final String expected)
      throws IOException {
    final Path agent = executable(dir.resolve("ocf/resource.d/heartbeat/IPaddr2"));
    final Resource r =
        new Resource("IPaddr::" + form, "IPaddr", List.of(form), agent, ResourceGroup.IP_AGENT);
    final Invocation i = agents.resolve("g", r, Verb.MONITOR, TIMEOUT);
    assertEquals(
        List.of(agent.toString(), "monitor"), i.command(), "no argument: all in variables");
    final Map<String, String> reskeys = new HashMap<>();
    i.environment()
        .forEach(
            (k, v) -> {
              if (k.startsWith("OCF_RESKEY_") && !k.startsWith("OCF_RESKEY_CRM_meta")) {
                reskeys.put(k.substring("OCF_RESKEY_".length()), v);
              }
            });
    final Map<String, String> want = new HashMap<>();
    for (final String kv : expected.split(" ")) {
      want.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    assertEquals(want, reskeys);
    assertEquals("IPaddr2", i.environment().get("OCF_RESOURCE_TYPE"));
    assertEquals("heartbeat", i.environment().get("OCF_RESOURCE_PROVIDER"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.5/24/eth1|10.0.0.5 24 eth1 +",
        "10.0.0.5/24/eth1/10.0.0.255|10.0.0.5 24 eth1 10.0.0.255",
        "10.0.0.5/24|agent",
        "10.0.0.5|agent",
        "10.0.0.5/24/10.0.0.255|agent"
      })
  void aStartOfAnAddressSpelledOutInFullIsDirectTheRestGoesToTheAgent(
      final String form, final String expected) throws IOException {
    assertTrue(
        Files.isExecutable(DirectIpStart.SEND_ARP), "resource-agents is installed (run-tests)");
    final Path agent = executable(dir.resolve("ocf/resource.d/heartbeat/IPaddr2"));
    final Resource r =
        new Resource("IPaddr2::" + form, "IPaddr2", List.of(form), agent, ResourceGroup.IP_AGENT);
    final Invocation i = agents.resolve("g", r, Verb.START, TIMEOUT);
    if (expected.equals("agent")) {
      assertEquals(List.of(agent.toString(), "start"), i.command(), "the agent discovers the rest");
      return;
    }
    assertEquals(List.of("sh", "-c"), i.command().subList(0, 2));
    final List<String> args = new ArrayList<>(List.of(expected.split(" ")));
    args.add(DirectIpStart.SEND_ARP.toString());
    args.add(DirectIpStart.DEFAULT_RSCTMP + "/send_arp-10.0.0.5");
    assertEquals(args, i.command().subList(4, i.command().size()));
    assertEquals("start", i.action());
    assertEquals(Convention.OCF, i.convention());
  }

  @Test
  void onlyAReannounceSendsGratuitousArpNeverAMonitorOrAProbe() throws IOException {
    final Path agent = executable(dir.resolve("ocf/resource.d/heartbeat/IPaddr2"));
    final Resource r =
        new Resource(
            "IPaddr::10.0.0.5/24", "IPaddr", List.of("10.0.0.5/24"), agent, ResourceGroup.IP_AGENT);
    assertEquals(
        Integer.toString(ResourceAgents.ARP_REFRESH),
        agents
            .resolve("g", r, Verb.ANNOUNCE, TIMEOUT)
            .environment()
            .get("OCF_RESKEY_arp_count_refresh"));
    assertEquals("monitor", agents.resolve("g", r, Verb.ANNOUNCE, TIMEOUT).action());
    for (final Verb v : List.of(Verb.MONITOR, Verb.STATUS, Verb.START, Verb.STOP)) {
      assertFalse(
          agents
              .resolve("g", r, v, TIMEOUT)
              .environment()
              .containsKey("OCF_RESKEY_arp_count_refresh"),
          v + " sends no refresh");
    }
  }

  @Test
  void withoutTheAgentAnIpResourceRunsHeartbeatsScriptWithItsArgument() throws IOException {
    final Path script = executable(dir.resolve("resource.d/IPaddr"));
    final Resource r =
        new Resource("IPaddr::10.0.0.5/24", "IPaddr", List.of("10.0.0.5/24"), script);
    final Invocation i = agents.resolve("g", r, Verb.STOP, TIMEOUT);
    assertEquals(List.of(script.toString(), "10.0.0.5/24", "stop"), i.command());
    assertEquals(Convention.SCRIPT, i.convention());
  }

  @Test
  void aResourceWithoutAProgramCannotBeResolved() {
    final Resource r = new Resource("nosuch", "nosuch", List.of(), null);
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> agents.resolve("g", r, Verb.START, TIMEOUT));
    assertEquals(
        "no script or agent was found for nosuch (see systole config check)", e.getMessage());
  }

  @Test
  void extraVariablesJoinHeartbeatsOnes() {
    final ScriptEnvironment env =
        new ScriptEnvironment("ha1", Path.of("/etc/ha.d")).with("HA_LOGFACILITY", "daemon");
    assertEquals("daemon", env.variables().get("HA_LOGFACILITY"));
    assertEquals("%Y/%m/%d_%T\t", env.variables().get("HA_DATEFMT"));
    assertEquals(new OcfAgent("heartbeat", "IPaddr2"), ResourceGroup.IP_AGENT);
  }
}
