package io.systole.engine.resource;

import io.systole.engine.config.ResourceGroup.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The start of an IP address whose netmask and interface haresources spells out ({@code
 * IPaddr2::ADDR/BITS/IFACE[/BROADCAST]}), done as IPaddr2 does it but without its shell library:
 * one {@code ip addr add}, the interface up, and resource-agents' own {@code send_arp} in the
 * background (same interval, count and pid file as the agent, so the agent's stop and monitor find
 * what they expect). IPaddr2's start spends 40–100 ms in bash (interface discovery, its library,
 * checks) before the address exists; this takes about 3 ms, and the address is the first thing
 * clients need after a failover. Everything else about the address (monitor, re-announce, stop, a
 * form without netmask or interface, which needs the agent's discovery) stays with the agent.
 */
final class DirectIpStart {
  /** resource-agents' gratuitous ARP sender, where IPaddr2 finds it ({@code HA_BIN}). */
  static final Path SEND_ARP = Path.of("/usr/libexec/heartbeat/send_arp");

  /** Where IPaddr2 keeps send_arp's pid file unless {@code HA_RSCTMP} says otherwise. */
  static final String DEFAULT_RSCTMP = "/run/resource-agents";

  // $1 address, $2 bits, $3 interface, $4 broadcast ("+": computed), $5 send_arp, $6 pid file.
  // An address already there (a start after a crash) is a success, as the agent's start is.
  private static final String SCRIPT =
      "out=$(ip -4 addr add \"$1/$2\" brd \"$4\" dev \"$3\" 2>&1) ||"
          + " ip -4 -o addr show dev \"$3\" | grep -q \" inet $1/$2 \" ||"
          + " { echo \"ip addr add $1/$2 dev $3: $out\" >&2; exit 1; }\n"
          + "ip link set \"$3\" up || exit 1\n"
          + "\"$5\" -i 200 -r 5 -p \"$6\" \"$3\" \"$1\" auto not_used not_used"
          + " </dev/null >/dev/null 2>&1 &\n"
          + "exit 0\n";

  private DirectIpStart() {}

  /** Whether {@code ip} can be started directly: netmask and interface given, send_arp present. */
  static boolean applies(final IpAddress ip) {
    return ip.bits() > 0 && !ip.nic().isEmpty() && Files.isExecutable(SEND_ARP);
  }

  /** The command that starts {@code ip}, with {@code env} (for {@code HA_RSCTMP}). */
  static List<String> command(final IpAddress ip, final Map<String, String> env) {
    final String rsctmp = env.getOrDefault("HA_RSCTMP", DEFAULT_RSCTMP);
    return List.of(
        "sh",
        "-c",
        SCRIPT,
        "systole-ip-start",
        ip.address(),
        Integer.toString(ip.bits()),
        ip.nic(),
        ip.broadcast().isEmpty() ? "+" : ip.broadcast(),
        SEND_ARP.toString(),
        rsctmp + "/send_arp-" + ip.address());
  }
}
