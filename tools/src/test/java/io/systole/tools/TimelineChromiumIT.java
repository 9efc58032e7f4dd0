package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.systole.journal.Entry;
import io.systole.journal.JournalReader;
import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.event.GroupStart;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline page of a known incident (the {@link Incident}'s failover: ha1 declares ha2 dead,
 * fences it and takes db over) in a real headless Chromium: rendered to a PNG, and laid out with
 * the page's {@code #layout} hook, whose JSON (each placed element's bounding rectangle and data
 * attributes) is read from {@code --dump-dom}. Every lane, bar, interval and marker is checked
 * against the journals themselves, read here: x of a time is the plot's left plus the time since
 * the first entry, scaled so that the last entry falls on the plot's right edge.
 */
class TimelineChromiumIT {
  /** How far, in px, an edge may be from where the journal puts it: rounding, antialiasing. */
  private static final double SLACK = 1.5;

  private static final long TIMEOUT_SECONDS = 90;
  private static final String WINDOW = "--window-size=1400,900";

  @TempDir Path tmp;

  /** The journals' entries, by node and index: what the page must agree with. */
  private final Map<String, Map<Long, Entry>> journal = new HashMap<>();

  private long t0 = Long.MAX_VALUE;
  private long t1 = Long.MIN_VALUE;

  @Test
  void lanesBarsAndMarkersAreWhereTheJournalsPutThem() throws Exception {
    final Path ha1 = Incident.failoverHa1(tmp.resolve("journals"));
    final Path ha2 = Incident.ha2(tmp.resolve("journals"));
    read(ha1);
    read(ha2);
    final Path page = tmp.resolve("incident.html");
    final Systole.Result written =
        Systole.run(
            "journal",
            "timeline",
            "--utc",
            ha2.toString(),
            ha1.toString(),
            "--out",
            page.toString());
    assertEquals(0, written.status(), written::toString);

    final Path png = tmp.resolve("incident.png");
    chromium("--screenshot=" + png, WINDOW, page.toUri().toString());
    assertPng(png);

    final Map<?, ?> layout = layout(chromium("--dump-dom", WINDOW, page.toUri() + "#layout"));
    final Map<?, ?> plot = (Map<?, ?>) layout.get("plot");
    final double left = number(plot, "left");
    final double scale = (number(plot, "right") - left) / (t1 - t0);
    final List<Map<?, ?>> elements = elements(layout);

    final List<Map<?, ?>> lanes = kind(elements, "lane");
    assertEquals(List.of("ha1", "ha2"), lanes.stream().map(e -> data(e, "node")).toList());
    assertTrue(number(lanes.get(0), "bottom") <= number(lanes.get(1), "top"), "ha1 above ha2");

    final List<Map<?, ?>> bars = kind(elements, "bar");
    assertEquals(
        List.of(
            "ha1 web starting 5",
            "ha1 web running 7",
            "ha1 db starting 11",
            "ha1 db running 13",
            "ha2 db starting 5",
            "ha2 db running 7"),
        bars.stream()
            .map(
                b ->
                    data(b, "node")
                        + " "
                        + data(b, "group")
                        + " "
                        + data(b, "value")
                        + " "
                        + data(b, "startIndex"))
            .toList());
    for (final Map<?, ?> bar : bars) {
      final Entry start = entry(bar, "startIndex");
      assertTrue(
          start.event() instanceof GroupStart g && g.group().equals(data(bar, "group")),
          "a bar starts at a start of its group: " + bar);
      assertSpans(bar, left, scale, lanes);
    }
    for (final Map<?, ?> interval : kind(elements, "interval")) {
      assertSpans(interval, left, scale, lanes);
    }

    final List<Map<?, ?>> markers = kind(elements, "marker");
    assertEquals(journal.values().stream().mapToInt(Map::size).sum(), markers.size());
    final EventText text = new EventText(new TimeText(TimeText.UTC));
    for (final Map<?, ?> marker : markers) {
      final Entry e = entry(marker, "index");
      final double centre = (number(marker, "left") + number(marker, "right")) / 2;
      assertNear(left + (e.timeMicros() - t0) * scale, centre, "marker " + marker);
      assertInLane(marker, lanes);
      assertEquals(text.entry(e), marker.get("title"), "hover text of " + marker);
    }
  }

  /** Checks that a bar or interval spans its start and end entries' x, within its lane. */
  private void assertSpans(
      final Map<?, ?> e, final double left, final double scale, final List<Map<?, ?>> lanes) {
    final long start = entry(e, "startIndex").timeMicros();
    final long end = data(e, "endIndex") == null ? t1 : entry(e, "endIndex").timeMicros();
    assertNear(left + (start - t0) * scale, number(e, "left"), "left edge of " + e);
    assertNear(left + (end - t0) * scale, number(e, "right"), "right edge of " + e);
    assertInLane(e, lanes);
  }

  private static void assertInLane(final Map<?, ?> e, final List<Map<?, ?>> lanes) {
    final Map<?, ?> lane =
        lanes.stream()
            .filter(l -> data(l, "node").equals(data(e, "node")))
            .findFirst()
            .orElseThrow();
    assertTrue(
        number(e, "top") >= number(lane, "top") && number(e, "bottom") <= number(lane, "bottom"),
        e + " inside its lane " + lane);
  }

  private static void assertNear(final double expected, final double actual, final String what) {
    assertTrue(
        Math.abs(expected - actual) <= SLACK, what + ": at " + actual + ", expected " + expected);
  }

  private static void assertPng(final Path png) throws IOException {
    assertTrue(Files.exists(png), "chromium wrote no screenshot");
    final byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 10_000, "a trivial screenshot: " + bytes.length + " bytes");
    assertEquals(0x89504e47, ByteBuffer.wrap(bytes, 0, 4).getInt(), "a PNG");
    // IHDR: width and height at bytes 16 and 20.
    assertEquals(1400, ByteBuffer.wrap(bytes, 16, 4).getInt());
    assertEquals(900, ByteBuffer.wrap(bytes, 20, 4).getInt());
  }

  private void read(final Path dir) {
    try (ChronicleJournal j = ChronicleJournal.openReadOnly(dir);
        JournalReader reader = j.reader(j.firstIndex())) {
      final Map<Long, Entry> entries = new HashMap<>();
      for (Entry e = reader.poll(); e != null; e = reader.poll()) {
        entries.put(e.index(), e);
        t0 = Math.min(t0, e.timeMicros());
        t1 = Math.max(t1, e.timeMicros());
      }
      journal.put(j.node(), entries);
    }
  }

  private Entry entry(final Map<?, ?> element, final String attribute) {
    final Entry e =
        journal.get(data(element, "node")).get(Long.parseLong(data(element, attribute)));
    assertTrue(e != null, "no entry " + attribute + " of " + element + " in the journal");
    return e;
  }

  private static String data(final Map<?, ?> element, final String name) {
    return (String) ((Map<?, ?>) element.get("data")).get(name);
  }

  private static double number(final Map<?, ?> rect, final String name) {
    return ((Number) rect.get(name)).doubleValue();
  }

  private static List<Map<?, ?>> elements(final Map<?, ?> layout) {
    final List<Map<?, ?>> all = new ArrayList<>();
    for (final Object e : (List<?>) layout.get("elements")) {
      all.add((Map<?, ?>) e);
    }
    return all;
  }

  private static List<Map<?, ?>> kind(final List<Map<?, ?>> elements, final String kind) {
    return elements.stream().filter(e -> kind.equals(data(e, "kind"))).toList();
  }

  /** The JSON the {@code #layout} hook wrote into {@code <pre id="layout">} of the dumped DOM. */
  private static Map<?, ?> layout(final String dom) {
    final String open = "<pre id=\"layout\">";
    final int start = dom.indexOf(open);
    if (start < 0) {
      fail("the dumped DOM holds no <pre id=\"layout\">: the hook did not run\n" + dom);
    }
    final String json =
        dom.substring(start + open.length(), dom.indexOf("</pre>", start))
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", "\u00a0")
            .replace("&amp;", "&");
    return (Map<?, ?>) Json.parse(json);
  }

  /**
   * Runs headless Chromium with {@code args}, in a profile and HOME of its own under the test's
   * temporary directory, and returns what it printed on stdout. Only the process started here (and
   * its children) is killed, when it outlives the timeout.
   */
  private String chromium(final String... args) throws IOException, InterruptedException {
    final String binary = chromiumBinary();
    final Path home = Files.createDirectories(tmp.resolve("chromium-home"));
    final List<String> command =
        new ArrayList<>(
            List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + home.resolve("profile")));
    command.addAll(List.of(args));
    final Path out = tmp.resolve("chromium.out");
    final Path err = tmp.resolve("chromium.err");
    final ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    final Process chromium = builder.start();
    if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      chromium.waitFor(10, TimeUnit.SECONDS);
      fail(
          "chromium took over "
              + TIMEOUT_SECONDS
              + " s: "
              + command
              + "\n"
              + Files.readString(err));
    }
    assertEquals(0, chromium.exitValue(), () -> command + " failed:\n" + readQuietly(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String readQuietly(final Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /** The chromium on the PATH; the test fails, never skips, without one. */
  private static String chromiumBinary() {
    for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      final Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        "chromium is not installed (not on the PATH): install the Debian package with"
            + " 'apt-get install -y --no-install-recommends chromium' (run-tests installs it)");
  }
}
