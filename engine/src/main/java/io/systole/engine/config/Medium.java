package io.systole.engine.config;

/**
 * One heartbeat medium from ha.cf: the devices and addresses heartbeats travel on. Each medium
 * becomes one link per peer. Ports and baud rates are the ones in force when Heartbeat would have
 * read the line ({@code udpport} and {@code baud} apply only to media after them).
 */
public sealed interface Medium {
  /** The medium as an admin writes it in ha.cf, with the port or rate it got. */
  String describe();

  /**
   * The link this medium carries, named as Heartbeat's {@code cl_status listhblinks} names it: by
   * its interface or serial device. Several ucast lines on one interface are one link.
   */
  String device();

  /** UDP broadcast on {@code device}'s IPv4 broadcast address. */
  record Bcast(String device, int port) implements Medium {
    @Override
    public String describe() {
      return "bcast " + device + " port " + port;
    }
  }

  /** UDP multicast to {@code group} (IPv4, or IPv6 when {@code ipv6}). */
  record Mcast(String device, String group, int port, int ttl, boolean loop, boolean ipv6)
      implements Medium {
    @Override
    public String describe() {
      return (ipv6 ? "mcast6 " : "mcast ")
          + device
          + " group "
          + group
          + " port "
          + port
          + (ipv6 ? " hops " : " ttl ")
          + ttl
          + " loop "
          + (loop ? 1 : 0);
    }
  }

  /** UDP unicast to {@code peer} (IPv4, or IPv6 when {@code ipv6}). */
  record Ucast(String device, String peer, int port, boolean ipv6) implements Medium {
    @Override
    public String describe() {
      return (ipv6 ? "ucast6 " : "ucast ") + device + " peer " + peer + " port " + port;
    }
  }

  /** A serial line at {@code baud}. */
  record Serial(String device, int baud) implements Medium {
    @Override
    public String describe() {
      return "serial " + device + " baud " + baud;
    }
  }
}
