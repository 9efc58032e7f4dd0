package io.systole.engine.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the configuration check asks of the machine it runs on: its node name, its network
 * interfaces and its devices. An interface here so that tests describe a machine instead of needing
 * one.
 */
public interface HostFacts {
  /** The machine this process runs on. */
  HostFacts LOCAL = new Local();

  /** This host's node name ({@code uname -n}), lower-cased as Heartbeat compares it. */
  String nodeName();

  /** Whether a network interface of this name exists. */
  boolean hasInterface(String name);

  /** Whether the interface has an IPv4 address with a broadcast address. */
  boolean hasBroadcast(String name);

  /** Whether a device or file exists at {@code path}. */
  boolean exists(Path path);

  /** Whether {@code path} is a regular file this process may execute. */
  boolean isExecutable(Path path);

  /** The real machine. */
  final class Local implements HostFacts {
    @Override
    public String nodeName() {
      try {
        return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
            .trim()
            .toLowerCase(Locale.ROOT);
      } catch (IOException e) {
        try {
          return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e2) {
          return "";
        }
      }
    }

    @Override
    public boolean hasInterface(final String name) {
      try {
        return NetworkInterface.getByName(name) != null;
      } catch (SocketException e) {
        return false;
      }
    }

    @Override
    public boolean hasBroadcast(final String name) {
      try {
        final NetworkInterface nif = NetworkInterface.getByName(name);
        if (nif == null) {
          return false;
        }
        for (final InterfaceAddress a : nif.getInterfaceAddresses()) {
          if (a.getBroadcast() != null) {
            return true;
          }
        }
        return false;
      } catch (SocketException e) {
        return false;
      }
    }

    @Override
    public boolean exists(final Path path) {
      return Files.exists(path);
    }

    @Override
    public boolean isExecutable(final Path path) {
      return Files.isRegularFile(path) && Files.isExecutable(path);
    }
  }
}
