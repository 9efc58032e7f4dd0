package io.systole.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One line of haresources: the group's preferred node and its resources in start order (stopped in
 * reverse). The first resource names the group, as in Heartbeat's messages.
 *
 * @param line the line in haresources where the group starts
 * @param preferredNode the node the group prefers, lower-cased (not where it runs)
 * @param resources the resources in start order
 */
public record ResourceGroup(int line, String preferredNode, List<Resource> resources) {
  /** Copies the resources. */
  public ResourceGroup {
    resources = List.copyOf(resources);
  }

  /** The group's name: its first resource, as written. */
  public String name() {
    return resources.isEmpty() ? preferredNode : resources.get(0).text();
  }

  /**
   * One resource: {@code agent arg1 arg2 start|stop|status}, written {@code agent::arg1::arg2}; a
   * bare IPv4 address stands for {@code IPaddr::ADDR}.
   *
   * @param text the resource as Heartbeat reads it, such as {@code IPaddr::192.168.2.3}
   * @param agent the script's name
   * @param args the arguments
   * @param script where the script was found, or null when it was not
   */
  public record Resource(String text, String agent, List<String> args, Path script) {
    /** Copies the arguments. */
    public Resource {
      args = List.copyOf(args);
    }
  }
}
