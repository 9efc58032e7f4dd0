package io.systole.media;

/**
 * One heartbeat medium as the transports need it: media's own mirror of an ha.cf media line ({@code
 * bcast}, {@code mcast}, {@code ucast}, {@code serial}), so that media never imports the engine.
 * Each becomes one {@link Link}, named by {@link #name()}. IPv4 only for now.
 */
public sealed interface LinkConfig
    permits LinkConfig.Bcast, LinkConfig.Mcast, LinkConfig.Ucast, LinkConfig.Serial {
  /** Heartbeat's UDP port ({@code udpport} default, {@code ha-cluster/udp}). */
  int DEFAULT_PORT = 694;

  /** Heartbeat's serial speed ({@code baud} default). */
  int DEFAULT_BAUD = 19200;

  /** The network interface or serial device the medium uses, as ha.cf names it. */
  String device();

  /**
   * The link's stable name, unique within a node's media: {@code bcast eth1}, {@code mcast eth1
   * 239.192.77.1}, {@code ucast eth0 10.0.0.2}, {@code serial /dev/ttyS0}.
   */
  String name();

  /** UDP broadcast to {@code device}'s IPv4 broadcast address, on {@code port}. */
  record Bcast(String device, int port) implements LinkConfig {
    /** Checks the values. */
    public Bcast {
      requireDevice(device);
      requirePort(port);
    }

    @Override
    public String name() {
      return "bcast " + device;
    }
  }

  /**
   * UDP multicast to IPv4 {@code group} on {@code port}, joined and sent on {@code device}; {@code
   * ttl} 0..255 hops; {@code loop}: whether our own datagrams are looped back to this host.
   */
  record Mcast(String device, String group, int port, int ttl, boolean loop) implements LinkConfig {
    /** Checks the values; {@code group} must be a dotted-quad multicast address. */
    public Mcast {
      requireDevice(device);
      requirePort(port);
      final int first = firstOctet(group);
      if (first < 224 || first > 239) {
        throw new IllegalArgumentException("not an IPv4 multicast group: " + group);
      }
      if (ttl < 0 || ttl > 255) {
        throw new IllegalArgumentException("multicast ttl must be 0..255: " + ttl);
      }
    }

    @Override
    public String name() {
      return "mcast " + device + " " + group;
    }
  }

  /**
   * UDP unicast from {@code device}'s address and {@code port} to {@code peer} (address or host
   * name) at {@code peerPort}, which Heartbeat always makes equal to {@code port}. {@code bind}:
   * the local IPv4 address to bind instead of the interface's first one ({@code
   * systole_ucast_bind}), or null; it must be on the interface (on a loopback interface: in its
   * network, so that several nodes can share one host as 127.0.0.1, 127.0.0.2, ...).
   */
  record Ucast(String device, String peer, int port, int peerPort, String bind)
      implements LinkConfig {
    /** Checks the values. */
    public Ucast {
      requireDevice(device);
      requirePort(port);
      requirePort(peerPort);
      if (peer == null || peer.isBlank() || peer.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("ucast needs a peer address: " + peer);
      }
      if (bind != null && firstOctet(bind) < 0) {
        throw new IllegalArgumentException("ucast bind address is not IPv4: " + bind);
      }
    }

    /** Unicast bound on the interface's first address, to {@code peer} at {@code peerPort}. */
    public Ucast(final String device, final String peer, final int port, final int peerPort) {
      this(device, peer, port, peerPort, null);
    }

    /** Unicast to {@code peer} with the same port at both ends, as Heartbeat does. */
    public Ucast(final String device, final String peer, final int port) {
      this(device, peer, port, port);
    }

    @Override
    public String name() {
      return "ucast " + device + " " + peer;
    }
  }

  /** A serial line (null-modem cable) on {@code device} at {@code baud} bits per second. */
  record Serial(String device, int baud) implements LinkConfig {
    /** Checks the values. */
    public Serial {
      requireDevice(device);
      if (baud <= 0) {
        throw new IllegalArgumentException("baud must be positive: " + baud);
      }
    }

    @Override
    public String name() {
      return "serial " + device;
    }
  }

  private static void requireDevice(final String device) {
    if (device == null
        || device.isEmpty()
        || device.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
      throw new IllegalArgumentException("bad device name: " + device);
    }
  }

  private static void requirePort(final int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
  }

  /** The first octet of a dotted quad, or -1 if {@code s} is not one. */
  private static int firstOctet(final String s) {
    if (s == null) {
      return -1;
    }
    final String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    for (final String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      if (Integer.parseInt(p) > 255) {
        return -1;
      }
    }
    return Integer.parseInt(parts[0]);
  }
}
