package io.systole.engine.resource;

import io.systole.engine.config.ResourceGroup.IpAddress;
import io.systole.engine.config.ResourceGroup.OcfAgent;
import io.systole.engine.config.ResourceGroup.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a resource and a verb into the program to run, where the configuration found it
 * (resource.d, then init.d, or an OCF agent; see {@code HaResourcesParser}). A script is called as
 * Heartbeat calls it, {@code script arg1 arg2 start|stop|status}, with Heartbeat's {@code HA_*}
 * variables. An OCF agent is called {@code agent start|stop|monitor} with {@code OCF_ROOT}, the
 * instance's name and type, the timeout in {@code OCF_RESKEY_CRM_meta_timeout}, and a parameter per
 * {@code OCF_RESKEY_name}: for {@code ocf:PROVIDER:TYPE::name=value}, the pairs; for Heartbeat's IP
 * resources, {@code ADDR/BITS/IFACE/BROADCAST} as the IPaddr2 agent's {@code ip}, {@code
 * cidr_netmask}, {@code nic} and {@code broadcast}.
 *
 * <p>IP takeover runs through resource-agents' IPaddr2 rather than Java code (but for the start of
 * a fully spelled-out address, see {@link DirectIpStart}): adding the address is one {@code ip addr
 * add}, but telling the neighbours is gratuitous ARP, raw Ethernet frames that Java cannot send
 * without native code; and the agent's interface discovery (the route that covers the address, its
 * netmask and broadcast), its repeated ARP sent in the background, its labels and IPv6 support, and
 * its checks before removing an address have run on many clusters for many years. What Java adds,
 * timeouts and killing what hangs, wraps every agent alike.
 */
public final class ResourceAgents {
  private static final String RESKEY = "OCF_RESKEY_";

  private final ScriptEnvironment environment;

  /** Agents that run with {@code environment} besides their own variables. */
  public ResourceAgents(final ScriptEnvironment environment) {
    this.environment = environment;
  }

  /**
   * The program that does {@code verb} to {@code resource} of {@code group}, within {@code
   * timeout}.
   *
   * @throws IllegalArgumentException when the configuration found no program for the resource, or
   *     its arguments do not suit its agent
   */
  public Invocation resolve(
      final String group, final Resource resource, final Verb verb, final Duration timeout) {
    final Path program = resource.script();
    if (program == null) {
      throw new IllegalArgumentException(
          "no script or agent was found for " + resource.text() + " (see systole config check)");
    }
    final Map<String, String> env = new LinkedHashMap<>(environment.variables());
    if (verb == Verb.START && resource.isIpAddress() && resource.args().size() == 1) {
      final IpAddress ip = IpAddress.parse(resource.args().get(0));
      if (DirectIpStart.applies(ip)) {
        return new Invocation(
            group, resource.text(), verb, DirectIpStart.command(ip, env), env, Convention.OCF);
      }
    }
    final List<String> command = new ArrayList<>();
    command.add(program.toString());
    final Convention convention;
    if (resource.ocf() != null) {
      convention = Convention.OCF;
      env.putAll(ocfVariables(resource, program, verb, timeout));
    } else {
      convention = Convention.SCRIPT;
      command.addAll(resource.args());
      if (verb != Verb.START && verb != Verb.STOP) {
        env.put("LC_ALL", "C"); // the status text is read for English words
      }
    }
    command.add(convention.action(verb));
    return new Invocation(group, resource.text(), verb, command, env, convention);
  }

  private static Map<String, String> ocfVariables(
      final Resource resource, final Path program, final Verb verb, final Duration timeout) {
    final OcfAgent agent = resource.ocf();
    final Map<String, String> env = new LinkedHashMap<>();
    env.put("OCF_ROOT", OcfAgent.root(program).toString());
    env.put("OCF_RA_VERSION_MAJOR", "1");
    env.put("OCF_RA_VERSION_MINOR", "0");
    env.put("OCF_RESOURCE_INSTANCE", instance(resource.text()));
    env.put("OCF_RESOURCE_TYPE", agent.type());
    env.put("OCF_RESOURCE_PROVIDER", agent.provider());
    env.put(RESKEY + "CRM_meta_timeout", Long.toString(timeout.toMillis()));
    if (verb == Verb.STATUS) {
      env.put(RESKEY + "CRM_meta_interval", "0"); // a probe, as agents understand it
    }
    env.putAll(resource.isIpAddress() ? ipParameters(resource) : pairs(resource));
    if (resource.isIpAddress() && verb == Verb.ANNOUNCE) {
      env.put(RESKEY + "arp_count_refresh", Integer.toString(ARP_REFRESH));
    }
    return env;
  }

  /** Gratuitous ARPs IPaddr2 sends when an address held here is re-announced. */
  static final int ARP_REFRESH = 2;

  /** Heartbeat's {@code ADDR[/BITS[/IFACE][/BROADCAST]]} as the IPaddr2 agent's parameters. */
  static Map<String, String> ipParameters(final Resource resource) {
    if (resource.args().size() != 1) {
      throw new IllegalArgumentException(resource.text() + ": an IP resource takes one argument");
    }
    final IpAddress ip = IpAddress.parse(resource.args().get(0));
    final Map<String, String> env = new LinkedHashMap<>();
    env.put(RESKEY + "ip", ip.address());
    if (ip.bits() > 0) {
      env.put(RESKEY + "cidr_netmask", Integer.toString(ip.bits()));
    }
    if (!ip.nic().isEmpty()) {
      env.put(RESKEY + "nic", ip.nic());
    }
    if (!ip.broadcast().isEmpty()) {
      env.put(RESKEY + "broadcast", ip.broadcast());
    }
    return env;
  }

  private static Map<String, String> pairs(final Resource resource) {
    final Map<String, String> env = new LinkedHashMap<>();
    for (final String a : resource.args()) {
      final int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(resource.text() + ": " + a + " is not NAME=VALUE");
      }
      env.put(RESKEY + a.substring(0, eq), a.substring(eq + 1));
    }
    return env;
  }

  /** An instance name usable in the agents' state file names: the resource, tamed. */
  static String instance(final String resource) {
    return resource.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
