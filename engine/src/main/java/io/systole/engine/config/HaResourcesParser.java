package io.systole.engine.config;

import io.systole.engine.config.ResourceGroup.OcfAgent;
import io.systole.engine.config.ResourceGroup.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads haresources as Heartbeat's ResourceManager does: {@code #} comments, a trailing {@code \}
 * joining the next line, one group per line (preferred node, then resources in start order), a bare
 * IPv4 address meaning {@code IPaddr::ADDR}, scripts looked up in resource.d and then in init.d.
 * Refuses what Heartbeat would only fail on later: a preferred node that is not a cluster member,
 * malformed IP resources, and (an intentional difference) the same resource in two groups, which
 * Heartbeat would run twice. Systole's extension, {@code ocf:PROVIDER:TYPE::name=value}, names an
 * OCF agent and its parameters; IP resources run as the OCF agent {@link ResourceGroup#IP_AGENT}
 * where it is installed, else as Heartbeat's scripts of that name.
 */
final class HaResourcesParser {
  static final String FILE = "haresources";
  private static final String INSTALL = "Debian's resource-agents package installs it";

  /** An OCF parameter becomes the variable OCF_RESKEY_NAME, so its name must be one. */
  private static final Pattern OCF_PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

  private final Diagnostics diagnostics;
  private final HostFacts facts;
  private final boolean onNode;
  private final List<Path> scriptDirs;

  HaResourcesParser(
      final Diagnostics diagnostics,
      final HostFacts facts,
      final boolean onNode,
      final List<Path> scriptDirs) {
    this.diagnostics = diagnostics;
    this.facts = facts;
    this.onNode = onNode;
    this.scriptDirs = List.copyOf(scriptDirs);
  }

  /** The groups of {@code lines}, checked against the cluster's {@code nodes}. */
  List<ResourceGroup> parse(final List<String> lines, final List<String> nodes) {
    final List<ResourceGroup> groups = new ArrayList<>();
    final Map<String, Integer> seen = new HashMap<>();
    final StringBuilder joined = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      final int hash = text.indexOf('#');
      if (hash >= 0) {
        text = text.substring(0, hash);
      }
      if (joined.length() == 0) {
        start = i + 1;
      }
      final String stripped = text.stripTrailing();
      if (stripped.endsWith("\\")) {
        joined.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      joined.append(text);
      final String group = joined.toString().strip();
      joined.setLength(0);
      if (!group.isEmpty()) {
        final ResourceGroup g = group(start, group.split("\\s+"), nodes, seen);
        if (g != null) {
          groups.add(g);
        }
      }
    }
    if (joined.length() > 0) {
      diagnostics.error(FILE, start, "the last line ends with \\ but no line follows");
    }
    return groups;
  }

  private ResourceGroup group(
      final int line,
      final String[] words,
      final List<String> nodes,
      final Map<String, Integer> seen) {
    final String node = words[0].toLowerCase(Locale.ROOT);
    if (!nodes.contains(node)) {
      diagnostics.error(
          FILE,
          line,
          "preferred node '"
              + node
              + "' is not a node in ha.cf ("
              + String.join(", ", nodes)
              + ")");
    }
    if (words.length < 2) {
      diagnostics.warn(
          FILE, line, "this line names " + node + " but no resources; it does nothing");
      return null;
    }
    final List<Resource> resources = new ArrayList<>();
    for (int i = 1; i < words.length; i++) {
      final Resource r = resource(line, words[i]);
      if (r == null) {
        continue;
      }
      final Integer other = seen.putIfAbsent(r.text(), line);
      if (other != null) {
        diagnostics.error(
            FILE,
            line,
            r.text()
                + " is already in the group on line "
                + other
                + "; a resource belongs to one group (Heartbeat would run it twice)");
      }
      resources.add(r);
    }
    return new ResourceGroup(line, node, resources);
  }

  private Resource resource(final int line, final String word) {
    final int slash = word.indexOf('/');
    final String text =
        Addresses.isIpv4(slash < 0 ? word : word.substring(0, slash)) ? "IPaddr::" + word : word;
    final String[] parts = text.split("::", -1);
    final String agent = parts[0];
    final List<String> args = List.of(parts).subList(1, parts.length);
    if (agent.isEmpty()
        || args.contains("")
        || agent.indexOf('/') >= 0
        || agent.indexOf('\0') >= 0) {
      diagnostics.error(
          FILE, line, "'" + word + "' is not a resource: write NAME or NAME::ARG::ARG");
      return null;
    }
    if (agent.startsWith(OcfAgent.PREFIX)) {
      return ocfResource(line, word, agent, args);
    }
    if (ResourceGroup.IP_RESOURCES.contains(agent)) {
      final String problem = ipProblem(args);
      if (problem != null) {
        diagnostics.error(FILE, line, "'" + word + "': " + problem);
        return null;
      }
      return ipResource(line, text, agent, args);
    }
    return new Resource(text, agent, args, locate(line, agent, ""), null);
  }

  /** {@code ocf:PROVIDER:TYPE::name=value::...}: the agent must exist, each argument be a pair. */
  private Resource ocfResource(
      final int line, final String word, final String agent, final List<String> args) {
    final OcfAgent ocf = OcfAgent.parse(agent);
    if (ocf == null) {
      diagnostics.error(
          FILE, line, "'" + word + "': an OCF agent is written ocf:PROVIDER:TYPE::NAME=VALUE::...");
      return null;
    }
    final Set<String> names = new HashSet<>();
    for (final String a : args) {
      if (!OCF_PARAMETER.matcher(a).matches()) {
        diagnostics.error(
            FILE,
            line,
            "'" + word + "': " + a + " is not NAME=VALUE (the agent gets it as OCF_RESKEY_NAME)");
        return null;
      }
      if (!names.add(a.substring(0, a.indexOf('=')))) {
        diagnostics.error(FILE, line, "'" + word + "': " + a + " sets a parameter a second time");
        return null;
      }
    }
    final Path path = ocf.path(ResourceGroup.OCF_ROOT);
    if (facts.isExecutable(path)) {
      return new Resource(word, agent, args, path, ocf);
    }
    missing(line, "cannot find the OCF agent " + ocf + " at " + path + " (" + INSTALL + ")");
    return new Resource(word, agent, args, null, ocf);
  }

  /**
   * IPaddr and IPaddr2 run as the OCF agent IPaddr2 when it is installed, even when resource.d
   * holds a script of that name: Heartbeat's resource.d/IPaddr only wraps an OCF agent, needs the
   * rest of the heartbeat package, reports by text, and its monitor pings the address, which
   * answers wherever the address lives. A script is the fallback where the agent is missing.
   */
  private Resource ipResource(
      final int line, final String text, final String agent, final List<String> args) {
    final Path ocf = ResourceGroup.IP_AGENT.path(ResourceGroup.OCF_ROOT);
    if (facts.isExecutable(ocf)) {
      return new Resource(text, agent, args, ocf, ResourceGroup.IP_AGENT);
    }
    return new Resource(
        text,
        agent,
        args,
        locate(
            line,
            agent,
            " nor the OCF agent " + ocf + " that Systole runs for it (" + INSTALL + ")"),
        null);
  }

  /** What is wrong with the arguments of an IPaddr resource, or null. */
  private static String ipProblem(final List<String> args) {
    if (args.size() != 1) {
      return "an IP resource takes one argument, ADDR[/BITS[/IFACE][/BROADCAST]]";
    }
    try {
      ResourceGroup.IpAddress.parse(args.get(0));
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The script {@code agent} names, found in resource.d and then in init.d; null if none. */
  private Path locate(final int line, final String agent, final String alsoMissing) {
    for (final Path dir : scriptDirs) {
      final Path script = dir.resolve(agent);
      if (facts.isExecutable(script)) {
        return script;
      }
    }
    missing(
        line,
        "cannot find the script for "
            + agent
            + " in "
            + scriptDirs
            + (alsoMissing.isEmpty()
                ? " (an executable file there is needed to start and stop it)"
                : alsoMissing));
    return null;
  }

  /** A missing script or agent: an error on the node, which could not run it; a warning away. */
  private void missing(final int line, final String message) {
    if (onNode) {
      diagnostics.error(FILE, line, message);
    } else {
      diagnostics.warn(FILE, line, message);
    }
  }
}
