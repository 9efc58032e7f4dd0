package io.systole.engine.config;

import io.systole.engine.config.ResourceGroup.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads haresources as Heartbeat's ResourceManager does: {@code #} comments, a trailing {@code \}
 * joining the next line, one group per line (preferred node, then resources in start order), a bare
 * IPv4 address meaning {@code IPaddr::ADDR}, scripts looked up in resource.d and then in init.d.
 * Refuses what Heartbeat would only fail on later: a preferred node that is not a cluster member,
 * malformed IP resources, and (an intentional difference) the same resource in two groups, which
 * Heartbeat would run twice.
 */
final class HaResourcesParser {
  static final String FILE = "haresources";
  private static final Set<String> IP_AGENTS = Set.of("IPaddr", "IPaddr2");

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
    if (IP_AGENTS.contains(agent)) {
      final String problem = ipProblem(args);
      if (problem != null) {
        diagnostics.error(FILE, line, "'" + word + "': " + problem);
        return null;
      }
    }
    return new Resource(text, agent, args, locate(line, agent));
  }

  /** What is wrong with the arguments of an IPaddr resource, or null. */
  private static String ipProblem(final List<String> args) {
    if (args.size() != 1) {
      return "an IP resource takes one argument, ADDR[/BITS[/IFACE][/BROADCAST]]";
    }
    final String[] p = args.get(0).split("/", -1);
    if (!Addresses.isIpv4(p[0])) {
      return p[0] + " is not an IPv4 address";
    }
    if (p.length > 4) {
      return "too many parts: the form is ADDR[/BITS[/IFACE][/BROADCAST]]";
    }
    if (p.length > 1) {
      try {
        Values.integer(p[1], 1, 32);
      } catch (ConfigValueException e) {
        return "the netmask bits " + e.getMessage();
      }
    }
    for (int i = 2; i < p.length; i++) {
      if (p[i].isEmpty()) {
        return "an empty part in " + args.get(0);
      }
    }
    if (p.length == 3 && Character.isDigit(p[2].charAt(0)) && !Addresses.isIpv4(p[2])) {
      return p[2] + " is not a broadcast address";
    }
    if (p.length == 4 && !Addresses.isIpv4(p[3])) {
      return p[3] + " is not a broadcast address";
    }
    return null;
  }

  private Path locate(final int line, final String agent) {
    for (final Path dir : scriptDirs) {
      final Path script = dir.resolve(agent);
      if (facts.isExecutable(script)) {
        return script;
      }
    }
    final String message =
        "cannot find the script for "
            + agent
            + " in "
            + scriptDirs
            + " (an executable file there is needed to start and stop it)";
    if (onNode) {
      diagnostics.error(FILE, line, message);
    } else {
      diagnostics.warn(FILE, line, message);
    }
    return null;
  }
}
