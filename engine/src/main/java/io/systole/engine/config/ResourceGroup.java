package io.systole.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One line of haresources: the group's preferred node and its resources in start order (stopped in
 * reverse). The first resource names the group, as in Heartbeat's messages.
 *
 * @param line the line in haresources where the group starts
 * @param preferredNode the node the group prefers, lower-cased (not where it runs)
 * @param resources the resources in start order
 */
public record ResourceGroup(int line, String preferredNode, List<Resource> resources) {
  /**
   * Where OCF resource agents live ({@code OCF_ROOT}), as Debian's resource-agents installs them.
   */
  public static final Path OCF_ROOT = Path.of("/usr/lib/ocf");

  /**
   * The OCF agent that carries out Heartbeat's {@code IPaddr} and {@code IPaddr2} resources: it
   * needs only iproute2, finds the interface from the address, and sends gratuitous ARP.
   */
  public static final OcfAgent IP_AGENT = new OcfAgent("heartbeat", "IPaddr2");

  /** The resource names that mean IP takeover ({@link IpAddress}). */
  public static final Set<String> IP_RESOURCES = Set.of("IPaddr", "IPaddr2");

  /** Copies the resources. */
  public ResourceGroup {
    resources = List.copyOf(resources);
  }

  /** The group's name: its first resource, as written. */
  public String name() {
    return resources.isEmpty() ? preferredNode : resources.get(0).text();
  }

  /** The names of the resources in start order, as the journal records them. */
  public List<String> resourceNames() {
    return resources.stream().map(Resource::text).toList();
  }

  /**
   * One resource: {@code agent arg1 arg2 start|stop|status}, written {@code agent::arg1::arg2}; a
   * bare IPv4 address stands for {@code IPaddr::ADDR}; {@code ocf:PROVIDER:TYPE::name=value} names
   * an OCF agent and its parameters (Systole's extension: Heartbeat knows only scripts).
   *
   * @param text the resource as Heartbeat reads it, such as {@code IPaddr::192.168.2.3}
   * @param agent the script's name, or {@code ocf:PROVIDER:TYPE}
   * @param args the arguments ({@code name=value} for an OCF agent)
   * @param script where the script or agent was found, or null when it was not
   * @param ocf the OCF agent that runs the resource (named, or {@link #IP_AGENT} for an IP
   *     resource), or null when a Heartbeat or LSB script does
   */
  public record Resource(String text, String agent, List<String> args, Path script, OcfAgent ocf) {
    /** Copies the arguments. */
    public Resource {
      args = List.copyOf(args);
    }

    /** A resource that {@code script} runs, an OCF agent if {@code agent} names one. */
    public Resource(
        final String text, final String agent, final List<String> args, final Path script) {
      this(text, agent, args, script, OcfAgent.parse(agent));
    }

    /** Whether this is Heartbeat's IP takeover, {@code IPaddr::ADDR...} or {@code IPaddr2::...}. */
    public boolean isIpAddress() {
      return IP_RESOURCES.contains(agent);
    }
  }

  /**
   * An OCF resource agent, {@code OCF_ROOT/resource.d/PROVIDER/TYPE}, named in haresources as
   * {@code ocf:PROVIDER:TYPE}.
   *
   * @param provider the provider, such as {@code heartbeat}
   * @param type the agent, such as {@code Filesystem}
   */
  public record OcfAgent(String provider, String type) {
    /** What starts a resource that names an OCF agent. */
    public static final String PREFIX = "ocf:";

    /**
     * The agent {@code agent} names, or null when it does not start with {@link #PREFIX} or is not
     * {@code ocf:PROVIDER:TYPE} with two names that are usable as directory entries.
     */
    public static OcfAgent parse(final String agent) {
      if (!agent.startsWith(PREFIX)) {
        return null;
      }
      final String[] parts = agent.substring(PREFIX.length()).split(":", -1);
      if (parts.length != 2 || !isFileName(parts[0]) || !isFileName(parts[1])) {
        return null;
      }
      return new OcfAgent(parts[0], parts[1]);
    }

    private static boolean isFileName(final String name) {
      return !name.isEmpty()
          && name.indexOf('/') < 0
          && name.indexOf('\0') < 0
          && !name.equals(".")
          && !name.equals("..");
    }

    /** The agent's executable under {@code ocfRoot}. */
    public Path path(final Path ocfRoot) {
      return ocfRoot.resolve("resource.d").resolve(provider).resolve(type);
    }

    /** The {@code OCF_ROOT} that {@code agentPath}, found by {@link #path}, lies under. */
    public static Path root(final Path agentPath) {
      return agentPath.getParent().getParent().getParent();
    }

    @Override
    public String toString() {
      return PREFIX + provider + ":" + type;
    }
  }

  /**
   * The argument of Heartbeat's IP resources, {@code ADDR[/BITS[/IFACE][/BROADCAST]]}: a third part
   * that starts with a digit is the broadcast address, otherwise the interface.
   *
   * @param address the IPv4 address to take over
   * @param bits the netmask length, or 0 when not given (the agent takes the covering route's)
   * @param nic the interface, or empty when not given (the agent finds it from the address)
   * @param broadcast the broadcast address, or empty when not given
   */
  public record IpAddress(String address, int bits, String nic, String broadcast) {
    /**
     * Reads {@code arg}.
     *
     * @throws IllegalArgumentException with what is wrong, when it is not of that form
     */
    public static IpAddress parse(final String arg) {
      final String[] p = arg.split("/", -1);
      if (!Addresses.isIpv4(p[0])) {
        throw new IllegalArgumentException(p[0] + " is not an IPv4 address");
      }
      if (p.length > 4) {
        throw new IllegalArgumentException(
            "too many parts: the form is ADDR[/BITS[/IFACE][/BROADCAST]]");
      }
      for (int i = 1; i < p.length; i++) {
        if (p[i].isEmpty()) {
          throw new IllegalArgumentException("an empty part in " + arg);
        }
      }
      int bits = 0;
      if (p.length > 1) {
        try {
          bits = Values.integer(p[1], 1, 32);
        } catch (ConfigValueException e) {
          throw new IllegalArgumentException("the netmask bits " + e.getMessage(), e);
        }
      }
      final boolean third = p.length == 3 && !Character.isDigit(p[2].charAt(0));
      final String nic = p.length == 4 || third ? p[2] : "";
      final String broadcast = p.length == 4 ? p[3] : p.length == 3 && !third ? p[2] : "";
      if (!broadcast.isEmpty() && !Addresses.isIpv4(broadcast)) {
        throw new IllegalArgumentException(broadcast + " is not a broadcast address");
      }
      return new IpAddress(p[0], bits, nic, broadcast);
    }
  }
}
