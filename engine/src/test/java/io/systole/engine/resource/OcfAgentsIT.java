package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.ResourceGroup;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agents of Debian's resource-agents package, from a haresources line to the system:
 * {@code ocf:heartbeat:Dummy} started, monitored and stopped; and IP takeover through IPaddr2 in a
 * pair of network namespaces created and deleted here (10.78.0.0/24, no route out): the address
 * appears on the interface findif picks, the neighbour's ARP entry is rewritten by the gratuitous
 * ARP, a second start finds it running, and a stop removes it. Needs root and resource-agents (CI
 * has both).
 */
class OcfAgentsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String NS = "syip" + ProcessHandle.current().pid();
  private static final String HOLDER = NS + "-a";
  private static final String NEIGHBOUR = NS + "-b";
  private static final String BOGUS_MAC = "02:00:00:00:00:99";

  @TempDir Path dir;

  private final List<Event> events = new ArrayList<>();

  private synchronized void journal(final Event e) {
    events.add(e);
  }

  private synchronized List<Event> events() {
    return List.copyOf(events);
  }

  private List<ResourceGroup> load(final String haresources) throws IOException {
    Files.writeString(dir.resolve("ha.cf"), "bcast eth0\nnode ha1 ha2\nauto_failback off\n");
    Files.writeString(dir.resolve("haresources"), haresources);
    final Path keys = Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 it-secret\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    final ConfigResult r = ConfigLoader.load(dir, ConfigLoader.Options.forNode("ha1"));
    assertTrue(r.ok(), () -> "errors: " + r.errors());
    return r.config().groups();
  }

  private ResourceActuator actuator(final List<String> prefix) {
    return new ResourceActuator(
        new ResourceAgents(new ScriptEnvironment("ha1", dir)),
        new ActionRunner(
            prefix,
            dir,
            (tag, stream, line, routine) -> System.err.println(tag + " " + stream + ": " + line),
            ActionRunner.DEFAULT_KILL_GRACE),
        TIMEOUT);
  }

  @Test
  void theDummyAgentStartsRunsAndStops() throws Exception {
    final Path state = dir.resolve("dummy.state");
    final ResourceGroup g = load("ha1 ocf:heartbeat:Dummy::state=" + state + "\n").get(0);
    try (ResourceActuator a = actuator(List.of())) {
      a.start(g, this::journal).get(60, TimeUnit.SECONDS);
      assertTrue(Files.exists(state), "Dummy keeps its state in OCF_RESKEY_state");
      assertTrue(a.monitor(g, Verb.MONITOR).get(60, TimeUnit.SECONDS).healthy());
      a.stop(g, this::journal).get(60, TimeUnit.SECONDS);
      assertFalse(Files.exists(state));
      final MonitorReport after = a.monitor(g, Verb.MONITOR).get(60, TimeUnit.SECONDS);
      assertEquals(
          ActionResult.Status.NOT_RUNNING, after.failure().result().status(), after.toString());
    }
    assertEquals(
        List.of(
            new GroupStart(g.name(), Phase.SUCCEEDED, "all resources started"),
            new GroupStop(g.name(), Phase.SUCCEEDED, "all resources stopped")),
        events().stream().filter(e -> e instanceof GroupStart || e instanceof GroupStop).toList());
  }

  @Test
  void ipTakeoverAddsTheAddressAnnouncesItAndRemovesIt() throws Exception {
    try {
      namespaces();
      final List<ResourceGroup> groups =
          load("ha1 10.78.0.50\nha1 IPaddr2::10.78.0.200/25/eth0/10.78.0.255\n");
      assertEquals(ResourceGroup.IP_AGENT, groups.get(0).resources().get(0).ocf());
      try (ResourceActuator a = actuator(List.of("ip", "netns", "exec", HOLDER))) {
        final ResourceGroup bare = groups.get(0);
        a.start(bare, this::journal).get(60, TimeUnit.SECONDS);
        assertTrue(
            addresses().contains("inet 10.78.0.50/24 "),
            "findif chose eth0 and its /24: " + addresses());
        awaitNeighbourSees("10.78.0.50", mac());

        // A neighbour that follows a wrong holder again: a monitor leaves it alone (only a node
        // sure to be the one holder may pull clients to itself), a re-announce corrects it.
        Thread.sleep(1500); // the start's own ARPs go on for about a second (5 x 200 ms)
        wrongNeighbourEntry();
        assertTrue(a.monitor(bare, Verb.MONITOR).get(60, TimeUnit.SECONDS).healthy());
        Thread.sleep(500);
        assertTrue(
            output("-n", NEIGHBOUR, "neigh", "show", "10.78.0.50").contains(BOGUS_MAC),
            "a monitor sends no ARP");
        assertTrue(a.monitor(bare, Verb.ANNOUNCE).get(60, TimeUnit.SECONDS).healthy());
        awaitNeighbourSees("10.78.0.50", mac());
        // An OCF agent is started without asking first (its start is idempotent): a second start
        // succeeds and leaves one address.
        a.start(bare, this::journal).get(60, TimeUnit.SECONDS);
        final Event second = events().get(events().size() - 2);
        assertEquals(
            Phase.SUCCEEDED, ((ResourceStart) second).phase(), "a second start: " + second);
        assertEquals(
            1,
            output("-n", HOLDER, "-4", "addr", "show").split(" 10\\.78\\.0\\.50/", -1).length - 1,
            "the address once");

        // Spelled out in full, the address is added directly (DirectIpStart), announced with the
        // agent's send_arp, and the agent monitors and stops it as its own.
        final ResourceGroup full = groups.get(1);
        wrongNeighbourEntry("10.78.0.200");
        a.start(full, this::journal).get(60, TimeUnit.SECONDS);
        assertTrue(
            addresses().contains("inet 10.78.0.200/25 brd 10.78.0.255 "),
            "netmask and broadcast as written: " + addresses());
        awaitNeighbourSees("10.78.0.200", mac());
        assertTrue(a.monitor(full, Verb.MONITOR).get(60, TimeUnit.SECONDS).healthy());
        a.start(full, this::journal).get(60, TimeUnit.SECONDS);
        assertEquals(
            new GroupStart(full.name(), Phase.SUCCEEDED, "all resources started"),
            events().get(events().size() - 1),
            "a second direct start finds the address there and succeeds");

        a.stop(bare, this::journal).get(60, TimeUnit.SECONDS);
        a.stop(full, this::journal).get(60, TimeUnit.SECONDS);
        assertFalse(addresses().contains("10.78.0.50"), addresses());
        assertFalse(addresses().contains("10.78.0.200"), addresses());
        assertFalse(a.monitor(bare, Verb.MONITOR).get(60, TimeUnit.SECONDS).healthy());
      }
      for (final Event e : events()) {
        if (e instanceof GroupStart s) {
          assertEquals(Phase.SUCCEEDED, s.phase(), events().toString());
        }
        if (e instanceof GroupStop s) {
          assertEquals(Phase.SUCCEEDED, s.phase(), events().toString());
        }
      }
    } finally {
      ip("netns", "del", HOLDER);
      ip("netns", "del", NEIGHBOUR);
    }
  }

  /**
   * Two namespaces joined by a veth pair, eth0 in each: the holder 10.78.0.1/24, the neighbour
   * 10.78.0.2/24, which accepts gratuitous ARP and holds a wrong entry for the service address.
   */
  private static void namespaces() throws Exception {
    ip("netns", "del", HOLDER);
    ip("netns", "del", NEIGHBOUR);
    must("netns", "add", HOLDER);
    must("netns", "add", NEIGHBOUR);
    must("link", "add", NS + "-va", "type", "veth", "peer", "name", NS + "-vb");
    must("link", "set", NS + "-va", "netns", HOLDER);
    must("link", "set", NS + "-vb", "netns", NEIGHBOUR);
    must("-n", HOLDER, "link", "set", NS + "-va", "name", "eth0");
    must("-n", NEIGHBOUR, "link", "set", NS + "-vb", "name", "eth0");
    must("-n", HOLDER, "addr", "add", "10.78.0.1/24", "broadcast", "10.78.0.255", "dev", "eth0");
    must("-n", NEIGHBOUR, "addr", "add", "10.78.0.2/24", "broadcast", "10.78.0.255", "dev", "eth0");
    for (final String ns : List.of(HOLDER, NEIGHBOUR)) {
      must("-n", ns, "link", "set", "lo", "up");
      must("-n", ns, "link", "set", "eth0", "up");
    }
    assertEquals(
        0,
        run(
            List.of(
                "ip",
                "netns",
                "exec",
                NEIGHBOUR,
                "sysctl",
                "-q",
                "-w",
                "net.ipv4.conf.eth0.arp_accept=1")));
    wrongNeighbourEntry();
  }

  /** The neighbour believes the service address lives at {@link #BOGUS_MAC}. */
  private static void wrongNeighbourEntry() throws Exception {
    wrongNeighbourEntry("10.78.0.50");
  }

  /** The neighbour believes {@code ip} lives at {@link #BOGUS_MAC}. */
  private static void wrongNeighbourEntry(final String ip) throws Exception {
    must(
        "-n", NEIGHBOUR, "neigh", "replace", ip, "lladdr", BOGUS_MAC, "dev", "eth0", "nud",
        "stale");
  }

  private static String addresses() throws Exception {
    return output("-n", HOLDER, "-4", "addr", "show", "dev", "eth0");
  }

  private static String mac() throws Exception {
    final String link = output("-n", HOLDER, "link", "show", "dev", "eth0");
    final int at = link.indexOf("link/ether ");
    return link.substring(at + "link/ether ".length(), link.indexOf(' ', at + 11));
  }

  /** Waits (up to 10 s) for the neighbour's ARP entry of {@code ip} to name {@code mac}. */
  private static void awaitNeighbourSees(final String ip, final String mac) throws Exception {
    String seen = "";
    for (int i = 0; i < 100; i++) {
      seen = output("-n", NEIGHBOUR, "neigh", "show", ip);
      if (seen.contains(mac)) {
        return;
      }
      Thread.sleep(100);
    }
    fail("the neighbour still has " + seen + " for " + ip + ", not the holder's " + mac);
  }

  private static void must(final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    assertEquals(0, run(command), "needs root: " + command);
  }

  private static int ip(final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    return run(command);
  }

  private static int run(final List<String> command) throws Exception {
    final Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String output(final String... args) throws Exception {
    final List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
