package io.systole.tools;

import io.systole.engine.config.AuthKeys;
import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.Medium;
import io.systole.engine.config.ResourceGroup;
import io.systole.engine.config.ResourceGroup.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code --json} form of {@code config check}: the same facts as {@link ConfigText} as one JSON
 * document. Always {@code directory}, {@code node}, {@code ok}, {@code warnings} and {@code errors}
 * (each {@code {file, line, message}}, line 0 for the whole file); when there is no error also the
 * effective configuration: {@code sha256}, {@code timingsMs}, {@code nodes}, {@code media} (objects
 * with a {@code type} and their fields), {@code autoFailback}, {@code resourceGroups}, {@code auth}
 * ({@code index} and {@code method}, never the secret), {@code inactive} and the rest of ha.cf.
 */
final class ConfigJson {
  private ConfigJson() {}

  /** The document for a check of {@code dir} as {@code node}. */
  static String render(final Path dir, final String node, final ConfigResult result) {
    final JsonWriter json = new JsonWriter().beginObject();
    json.field("directory", dir.toString()).field("node", node).field("ok", result.ok());
    if (result.ok()) {
      configuration(json, result.config());
    }
    diagnostics(json, "warnings", result.warnings());
    diagnostics(json, "errors", result.errors());
    return json.endObject().toString();
  }

  private static void configuration(final JsonWriter json, final ClusterConfig config) {
    final HaCf cf = config.haCf();
    json.field("sha256", config.sha256());
    json.name("timingsMs")
        .beginObject()
        .field("keepalive", cf.keepaliveMs())
        .field("deadtime", cf.deadtimeMs())
        .field("warntime", cf.warntimeMs())
        .field("initdead", cf.initdeadMs())
        .field("deadping", cf.deadpingMs())
        .endObject();
    json.field("nodes", cf.nodes());
    json.name("media").beginArray();
    cf.media().forEach(m -> medium(json, m));
    json.endArray();
    json.field("autoFailback", ConfigText.lower(cf.autoFailback()))
        .field("autojoin", ConfigText.lower(cf.autojoin()))
        .field("hopfudge", cf.hopfudge());
    json.name("pingGroups").beginArray();
    for (final HaCf.PingGroup p : cf.pingGroups()) {
      json.beginObject().field("name", p.name()).field("addresses", p.addresses()).endObject();
    }
    json.endArray().name("respawns").beginArray();
    for (final HaCf.Respawn r : cf.respawns()) {
      json.beginObject()
          .field("user", r.user())
          .field("command", r.command())
          .field("failfast", r.failfast())
          .endObject();
    }
    json.endArray().name("stonith").beginArray();
    for (final HaCf.Stonith s : cf.stonith()) {
      // The parameters may hold passwords: only how many there are.
      json.beginObject()
          .field("fromHost", s.fromHost())
          .field("type", s.type())
          .field("params", s.params().size())
          .endObject();
    }
    json.endArray()
        .field("logfile", cf.logfile())
        .field("debugfile", cf.debugfile())
        .field("logfacility", cf.logfacility())
        .field("watchdog", cf.watchdog())
        .field("metrics", cf.metrics().enabled() ? cf.metrics().toString() : "");
    resourceGroups(json, config.groups());
    final AuthKeys keys = config.authKeys();
    json.name("auth")
        .beginObject()
        .field("index", keys.activeIndex())
        .field("method", keys.active().method().keyword())
        .endObject();
    json.name("inactive").beginObject();
    new TreeMap<>(cf.inactive()).forEach(json::field);
    json.endObject();
  }

  private static void medium(final JsonWriter json, final Medium medium) {
    json.beginObject();
    if (medium instanceof Medium.Bcast b) {
      json.field("type", "bcast").field("device", b.device()).field("port", b.port());
    } else if (medium instanceof Medium.Mcast m) {
      json.field("type", m.ipv6() ? "mcast6" : "mcast")
          .field("device", m.device())
          .field("group", m.group())
          .field("port", m.port())
          .field("ttl", m.ttl())
          .field("loop", m.loop());
    } else if (medium instanceof Medium.Ucast u) {
      json.field("type", u.ipv6() ? "ucast6" : "ucast")
          .field("device", u.device())
          .field("peer", u.peer())
          .field("port", u.port());
    } else if (medium instanceof Medium.Serial s) {
      json.field("type", "serial").field("device", s.device()).field("baud", s.baud());
    }
    json.field("text", medium.describe()).endObject();
  }

  private static void resourceGroups(final JsonWriter json, final List<ResourceGroup> groups) {
    json.name("resourceGroups").beginArray();
    for (final ResourceGroup g : groups) {
      json.beginObject()
          .field("line", g.line())
          .field("preferredNode", g.preferredNode())
          .name("resources")
          .beginArray();
      for (final Resource r : g.resources()) {
        json.beginObject()
            .field("text", r.text())
            .field("agent", r.agent())
            .field("args", r.args())
            .field("script", r.script() == null ? null : r.script().toString())
            .endObject();
      }
      json.endArray().endObject();
    }
    json.endArray();
  }

  private static void diagnostics(
      final JsonWriter json, final String name, final List<Diagnostic> diagnostics) {
    json.name(name).beginArray();
    for (final Diagnostic d : diagnostics) {
      json.beginObject()
          .field("file", d.file())
          .field("line", d.line())
          .field("message", d.message())
          .endObject();
    }
    json.endArray();
  }
}
