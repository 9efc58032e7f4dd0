package io.systole.engine.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** A described machine for configuration tests: its name, interfaces, devices and scripts. */
final class FakeHost implements HostFacts {
  private final String name;
  private final Set<String> interfaces = new HashSet<>();
  private final Set<String> broadcast = new HashSet<>();
  private final Set<Path> devices = new HashSet<>();
  private final Set<Path> executables = new HashSet<>();

  FakeHost(final String name) {
    this.name = name;
  }

  /** An interface with an IPv4 broadcast address. */
  FakeHost withInterface(final String nif) {
    interfaces.add(nif);
    broadcast.add(nif);
    return this;
  }

  /** An interface without a broadcast address. */
  FakeHost withBareInterface(final String nif) {
    interfaces.add(nif);
    return this;
  }

  FakeHost withDevice(final String path) {
    devices.add(Path.of(path));
    return this;
  }

  FakeHost withScript(final Path path) {
    executables.add(path);
    return this;
  }

  @Override
  public String nodeName() {
    return name;
  }

  @Override
  public boolean hasInterface(final String nif) {
    return interfaces.contains(nif);
  }

  @Override
  public boolean hasBroadcast(final String nif) {
    return broadcast.contains(nif);
  }

  @Override
  public boolean exists(final Path path) {
    return devices.contains(path);
  }

  @Override
  public boolean isExecutable(final Path path) {
    return executables.contains(path);
  }
}
