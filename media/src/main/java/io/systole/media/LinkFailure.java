package io.systole.media;

/**
 * Why a medium is not carrying heartbeats, as data: the device, a kind an engine can act on and
 * journal, and a human detail (an errno text, the address and port that were in use).
 *
 * @param device the interface or serial device, as configured
 * @param kind what went wrong
 * @param detail what the operating system or library said, for people
 */
public record LinkFailure(String device, Kind kind, String detail) {
  /** What went wrong with a medium. */
  public enum Kind {
    /** No interface or serial device by that name (missing, unplugged, renamed). */
    NO_SUCH_DEVICE,
    /** The interface exists but is administratively down. */
    DEVICE_DOWN,
    /** The interface has no usable IPv4 address (or, for bcast, no broadcast address). */
    NO_ADDRESS,
    /** The ucast peer's name does not resolve. */
    PEER_UNRESOLVED,
    /** Another socket holds the UDP address and port. */
    PORT_IN_USE,
    /** Binding or configuring the socket failed otherwise. */
    BIND_FAILED,
    /** Joining the multicast group on the interface failed. */
    JOIN_FAILED,
    /** The serial device exists but cannot be opened or configured. */
    OPEN_FAILED,
    /** The device went away while in use (serial read end of file or I/O error). */
    DEVICE_GONE
  }

  /** Checks the values. */
  public LinkFailure {
    if (device == null || kind == null || detail == null) {
      throw new NullPointerException("device, kind and detail are required");
    }
  }

  @Override
  public String toString() {
    return "medium failed: " + device + ": " + detail + " (" + kind + ")";
  }
}
