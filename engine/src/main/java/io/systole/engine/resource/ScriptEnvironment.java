package io.systole.engine.resource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment Heartbeat gives every resource script, which scripts written for it read: the
 * node's name ({@code HA_CURHOST}), the configuration directory ({@code HA_DIR}) and its shell
 * functions ({@code HA_FUNCS}), the date format of their log lines ({@code HA_DATEFMT}). It leaves
 * out {@code HA_LOGFILE}, {@code HA_DEBUGLOG} and {@code HA_LOGFACILITY} unless {@link #with} adds
 * them: without them the OCF shell functions log to standard error, which Systole puts in its own
 * log, tagged with the group, resource and action.
 *
 * @param node this node's name, as {@code uname -n} gives it lower-cased
 * @param configDir the directory of ha.cf and haresources, such as {@code /etc/ha.d}
 * @param extra more variables, such as {@code HA_LOGFACILITY}; empty by default
 */
public record ScriptEnvironment(String node, Path configDir, Map<String, String> extra) {
  /** Heartbeat's format of a date in its scripts' log lines, for date(1). */
  static final String DATE_FORMAT = "%Y/%m/%d_%T\t";

  /** Copies the extra variables. */
  public ScriptEnvironment {
    extra = Map.copyOf(extra);
  }

  /** The environment of {@code node}, configured in {@code configDir}. */
  public ScriptEnvironment(final String node, final Path configDir) {
    this(node, configDir, Map.of());
  }

  /** This environment and the variable {@code name}. */
  public ScriptEnvironment with(final String name, final String value) {
    final Map<String, String> more = new LinkedHashMap<>(extra);
    more.put(name, value);
    return new ScriptEnvironment(node, configDir, more);
  }

  /** The variables, Heartbeat's first. */
  public Map<String, String> variables() {
    final Map<String, String> v = new LinkedHashMap<>();
    v.put("HA_CURHOST", node);
    v.put("HA_DIR", configDir.toString());
    v.put("HA_FUNCS", configDir.resolve("shellfuncs").toString());
    v.put("HA_DATEFMT", DATE_FORMAT);
    v.putAll(extra);
    return v;
  }
}
