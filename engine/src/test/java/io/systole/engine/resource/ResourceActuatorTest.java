package io.systole.engine.resource;

import static io.systole.engine.resource.Scripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ResourceGroup;
import io.systole.engine.config.ResourceGroup.Resource;
import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole groups started, stopped and monitored with real scripts that keep their state in files, off
 * the calling thread, with every event handed over in order.
 */
class ResourceActuatorTest {
  @TempDir Path dir;

  private ResourceActuator actuator;
  private final List<Event> events = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  @BeforeEach
  void actuator() {
    actuator =
        new ResourceActuator(
            new ResourceAgents(new ScriptEnvironment("ha1", dir)),
            new ActionRunner(List.of(), dir, new Scripts.Recording(), Duration.ofMillis(500)),
            Duration.ofSeconds(20));
  }

  @AfterEach
  void close() {
    actuator.close();
  }

  private synchronized void journal(final Event e) {
    events.add(e);
    threads.add(Thread.currentThread().getName());
  }

  private synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** A resource whose script keeps its state in dir/NAME.on and records its calls in dir/calls. */
  private Resource resource(final String name) {
    final Path on = dir.resolve(name + ".on");
    final Path calls = dir.resolve("calls");
    final Path s =
        script(
            dir.resolve("resource.d").resolve(name),
            "echo \"$(basename $0) $1\" >> "
                + calls
                + "\ncase $1 in\n"
                + "start) [ -e "
                + dir.resolve(name + ".fail")
                + " ] && exit 1; touch "
                + on
                + ";;\n"
                + "stop) rm -f "
                + on
                + ";;\n"
                + "status) [ -e "
                + on
                + " ] && echo running || { echo 'not running'; exit 3; };;\n"
                + "esac\n");
    return new Resource(name, name, List.of(), s);
  }

  private ResourceGroup group(final String... names) {
    final List<Resource> rs = new ArrayList<>();
    for (final String n : names) {
      rs.add(resource(n));
    }
    return new ResourceGroup(1, "ha1", rs);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(dir.resolve("calls"));
  }

  @Test
  void aGroupStartsAndStopsOnAnActionThreadWithEveryEventInOrder() throws Exception {
    final ResourceGroup g = group("ip", "web");
    actuator.start(g, this::journal).get(30, TimeUnit.SECONDS);
    actuator.stop(g, this::journal).get(30, TimeUnit.SECONDS);
    assertEquals(
        List.of("ip status", "ip start", "web status", "web start", "web stop", "ip stop"),
        calls());
    assertEquals(
        List.of(
            new ResourceStart("ip", "ip", Phase.REQUESTED, ""),
            new ResourceStart("ip", "ip", Phase.SUCCEEDED, ""),
            new ResourceStart("ip", "web", Phase.REQUESTED, ""),
            new ResourceStart("ip", "web", Phase.SUCCEEDED, ""),
            new GroupStart("ip", Phase.SUCCEEDED, "all resources started"),
            new ResourceStop("ip", "web", Phase.REQUESTED, ""),
            new ResourceStop("ip", "web", Phase.SUCCEEDED, ""),
            new ResourceStop("ip", "ip", Phase.REQUESTED, ""),
            new ResourceStop("ip", "ip", Phase.SUCCEEDED, ""),
            new GroupStop("ip", Phase.SUCCEEDED, "all resources stopped")),
        events());
    assertTrue(threads.stream().allMatch(t -> t.startsWith("systole-action-")), threads.toString());
  }

  @Test
  void aRunningResourceIsNotStartedAgainAndAFailedStartIsUndone() throws Exception {
    Files.createFile(dir.resolve("ip.on"));
    Files.createFile(dir.resolve("db.fail"));
    actuator.start(group("ip", "web", "db"), this::journal).get(30, TimeUnit.SECONDS);
    assertEquals(
        List.of(
            "ip status",
            "web status",
            "web start",
            "db status",
            "db start",
            "db stop",
            "web stop",
            "ip stop"),
        calls());
    final List<Event> e = events();
    assertEquals(
        new ResourceStart("ip", "ip", Phase.SUCCEEDED, "already running: status says \"running\""),
        e.get(1));
    assertEquals(
        new ResourceStart("ip", "db", Phase.FAILED, "exit 1 (generic or unspecified error)"),
        e.get(5));
    assertEquals(
        new GroupStart("ip", Phase.FAILED, "a resource failed to start"), e.get(e.size() - 1));
  }

  @Test
  void theWorkOfOneGroupIsDoneInTheOrderAsked() throws Exception {
    final ResourceGroup g = group("ip", "web");
    actuator.start(g, this::journal);
    actuator.stop(g, this::journal);
    final MonitorReport after = actuator.monitor(g, Verb.MONITOR).get(30, TimeUnit.SECONDS);
    assertEquals(
        List.of(
            "ip status", "ip start", "web status", "web start", "web stop", "ip stop", "ip status"),
        calls());
    assertEquals(
        new MonitorReport.Check(
            "ip",
            new ActionResult(ActionResult.Status.NOT_RUNNING, 3, "status says \"not running\"")),
        after.failure());
  }

  @Test
  void aMonitorAsksEachResourceUpToTheFirstThatDoesNotRun() throws Exception {
    final ResourceGroup g = group("ip", "web", "db");
    Files.createFile(dir.resolve("ip.on"));
    Files.createFile(dir.resolve("db.on"));
    final MonitorReport r = actuator.monitor(g, Verb.MONITOR).get(30, TimeUnit.SECONDS);
    assertEquals(2, r.checks().size(), "db is not asked");
    assertEquals("web", r.failure().resource());
    assertEquals(ActionResult.Status.NOT_RUNNING, r.failure().result().status());
    Files.createFile(dir.resolve("web.on"));
    final MonitorReport healthy = actuator.monitor(g, Verb.MONITOR).get(30, TimeUnit.SECONDS);
    assertTrue(healthy.healthy());
    assertNull(healthy.failure());
    assertEquals(3, healthy.checks().size());
  }

  @Test
  void aResourceWithoutAProgramFailsItsStart() throws Exception {
    final ResourceGroup g =
        new ResourceGroup(1, "ha1", List.of(new Resource("nosuch", "nosuch", List.of(), null)));
    actuator.start(g, this::journal).get(30, TimeUnit.SECONDS);
    assertEquals(
        new ResourceStart(
            "nosuch",
            "nosuch",
            Phase.FAILED,
            "no script or agent was found for nosuch (see systole config check)"),
        events().get(1));
  }

  @Test
  void theTimeoutMustBePositive() {
    assertThrows(
        IllegalArgumentException.class, () -> new ResourceActuator(null, null, Duration.ZERO));
  }
}
