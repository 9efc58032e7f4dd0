package io.systole.tools;

import io.systole.engine.config.AuthKeys;
import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.Medium;
import io.systole.engine.config.ResourceGroup;
import io.systole.engine.config.ResourceGroup.Resource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readable form of {@code config check}: one row per aspect of the effective configuration
 * (directory and hash, nodes, timings with units, media, failback, resource groups in order, the
 * signing key's index and method), then the warnings and the errors, each as {@code FILE:LINE:
 * message}. Rows that would only repeat a default (no ping nodes, no watchdog) are left out. Never
 * prints a secret: STONITH parameters are not shown either, as they may hold passwords.
 */
final class ConfigText {
  private static final String ROW = "%-15s%s%n";
  private static final String DIAGNOSTIC = "  %s%n";
  private static final int SHORT_HASH = 16;
  private static final int DEFAULT_HOPFUDGE = 1;

  private final PrintWriter out;
  private final boolean verbose;

  ConfigText(final PrintWriter out, final boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  /** Prints the configuration of {@code result} if it has one, then its problems. */
  void print(final ConfigResult result) {
    if (result.ok()) {
      configuration(result.config());
      if (!result.diagnostics().isEmpty()) {
        out.println();
      }
    }
    section("errors", result.errors());
    section("warnings", result.warnings());
  }

  private void configuration(final ClusterConfig config) {
    final HaCf cf = config.haCf();
    final String hash = config.sha256();
    row(
        "configuration",
        config.directory()
            + "  (sha256 "
            + (verbose ? hash : hash.substring(0, SHORT_HASH) + "...")
            + ")");
    row("node", nodes(cf.nodes(), config.localNode()));
    row(
        "timings",
        named(
            "keepalive", duration(cf.keepaliveMs()),
            "deadtime", duration(cf.deadtimeMs()),
            "warntime", duration(cf.warntimeMs()),
            "initdead", duration(cf.initdeadMs()),
            "deadping", duration(cf.deadpingMs())));
    row("media", String.join("; ", cf.media().stream().map(Medium::describe).toList()));
    row("auto_failback", lower(cf.autoFailback()));
    row(
        "actions",
        "timeout "
            + duration(cf.actionTimeoutMs())
            + ", monitor "
            + (cf.monitorIntervalMs() == 0 ? "off" : "every " + duration(cf.monitorIntervalMs())));
    if (cf.autojoin() != HaCf.Autojoin.NONE) {
      row("autojoin", lower(cf.autojoin()));
    }
    if (cf.hopfudge() != DEFAULT_HOPFUDGE) {
      row("hopfudge", Integer.toString(cf.hopfudge()));
    }
    optional(cf);
    resources(config.groups());
    auth(config.authKeys());
  }

  /** The rows of what is often not set: ping nodes, programs, STONITH, logging, the rest. */
  private void optional(final HaCf cf) {
    for (final HaCf.PingGroup p : cf.pingGroups()) {
      final boolean plain = p.addresses().equals(List.of(p.name()));
      row("ping", plain ? p.name() : p.name() + ": " + String.join(", ", p.addresses()));
    }
    for (final HaCf.Respawn r : cf.respawns()) {
      row(r.failfast() ? "failfast" : "respawn", r.user() + " " + String.join(" ", r.command()));
    }
    for (final HaCf.Stonith s : cf.stonith()) {
      row(
          "stonith",
          s.type()
              + ("*".equals(s.fromHost()) ? " from any node" : " from " + s.fromHost())
              + " ("
              + s.params().size()
              + " parameters, not shown)");
    }
    row(
        "logging",
        named(
            "logfile", orNone(cf.logfile()),
            "debugfile", orNone(cf.debugfile()),
            "logfacility", cf.logfacility()));
    if (!cf.watchdog().isEmpty()) {
      row("watchdog", cf.watchdog());
    }
    if (cf.metrics().enabled()) {
      row("metrics", cf.metrics() + " (GET /metrics)");
    }
    if (!cf.inactive().isEmpty()) {
      final List<String> inactive = new ArrayList<>();
      new TreeMap<>(cf.inactive())
          .forEach((name, values) -> values.forEach(v -> inactive.add((name + " " + v).strip())));
      row("not acted on", String.join("; ", inactive));
    }
  }

  private void resources(final List<ResourceGroup> groups) {
    if (groups.isEmpty()) {
      row("resources", "none");
    }
    String label = "resources";
    for (final ResourceGroup g : groups) {
      row(
          label,
          g.preferredNode()
              + ": "
              + String.join(" ", g.resources().stream().map(Resource::text).toList()));
      label = "";
    }
    if (verbose) {
      final Map<String, Path> scripts = new LinkedHashMap<>();
      groups.forEach(g -> g.resources().forEach(r -> scripts.putIfAbsent(r.agent(), r.script())));
      final List<String> found = new ArrayList<>();
      scripts.forEach(
          (agent, path) -> found.add(agent + " " + (path == null ? "not found" : path)));
      if (!found.isEmpty()) {
        row("scripts", String.join("; ", found));
      }
    }
  }

  private void auth(final AuthKeys keys) {
    final String active = "key " + keys.activeIndex() + ", " + keys.active().method().keyword();
    if (!verbose || keys.keys().size() == 1) {
      row("auth", active);
      return;
    }
    final List<String> all = new ArrayList<>();
    new TreeMap<>(keys.keys()).forEach((i, k) -> all.add(i + " " + k.method().keyword()));
    row("auth", active + " (keys " + String.join(", ", all) + ")");
  }

  private void section(final String title, final List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return;
    }
    out.println(title);
    for (final Diagnostic d : diagnostics) {
      out.printf(DIAGNOSTIC, EventText.escape(d.toString()));
    }
  }

  private static String nodes(final List<String> nodes, final String local) {
    final List<String> shown = new ArrayList<>();
    for (final String n : nodes) {
      shown.add(n.equals(local) ? n + " (this node)" : n);
    }
    if (!nodes.contains(local)) {
      shown.add(local + " (this node, by autojoin)");
    }
    return String.join(", ", shown);
  }

  /** A time in the units Heartbeat's users write: {@code 1s}, {@code 1500ms}. */
  static String duration(final long millis) {
    return TimeText.duration(millis * 1000);
  }

  /** Names and values in pairs as {@code name value, name value}. */
  private static String named(final String... pairs) {
    final List<String> named = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      named.add(pairs[i] + " " + pairs[i + 1]);
    }
    return String.join(", ", named);
  }

  /** Prints a row; control characters from the files are escaped, never sent to the terminal. */
  private void row(final String label, final String value) {
    out.printf(ROW, label, EventText.escape(value));
  }

  private static String orNone(final String value) {
    return value.isEmpty() ? "none" : value;
  }

  /** An enum constant as ha.cf spells it: {@code legacy}, {@code sha1}. */
  static String lower(final Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
