package io.systole.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Heartbeat configuration directory ({@code /etc/ha.d}) into one {@link ClusterConfig}:
 * ha.cf, then haresources against ha.cf's nodes, then authkeys and its permissions. Every problem
 * of every file is reported in one pass; the loader never throws on the files' content.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * How to read: which node this is, where resource scripts live, and whether this runs on the node
   * itself (a missing interface, device or script is then an error, not a warning).
   *
   * @param node this node's name, or null for the host's own ({@code uname -n})
   * @param resourceD the first directory searched for resource scripts, or null for DIR/resource.d
   * @param initD the second directory searched ({@code /etc/init.d})
   * @param onNode whether this runs on the node itself
   * @param facts the machine's interfaces and devices
   */
  public record Options(String node, Path resourceD, Path initD, boolean onNode, HostFacts facts) {
    /** Reading away from the node, as {@code config check} does, as {@code node}. */
    public static Options forNode(final String node) {
      return new Options(node, null, Path.of("/etc/init.d"), false, HostFacts.LOCAL);
    }

    /** Reading as this host, away from the node. */
    public static Options defaults() {
      return forNode(null);
    }

    /** A copy that looks up resource scripts in these two directories. */
    public Options withResourceDirs(final Path first, final Path second) {
      return new Options(node, first, second, onNode, facts);
    }

    /** A copy that runs on the node itself, or away from it. */
    public Options onNode(final boolean on) {
      return new Options(node, resourceD, initD, on, facts);
    }

    /** A copy that asks {@code hostFacts} about the machine. */
    public Options withFacts(final HostFacts hostFacts) {
      return new Options(node, resourceD, initD, onNode, hostFacts);
    }
  }

  /** Reads the configuration in {@code dir}. */
  public static ConfigResult load(final Path dir, final Options options) {
    final Diagnostics d = new Diagnostics();
    final byte[] haCf = read(dir, HaCfParser.FILE, d);
    final byte[] resources = read(dir, HaResourcesParser.FILE, d);
    final byte[] auth = read(dir, AuthKeysParser.FILE, d);
    if (auth != null) {
      checkPermissions(dir.resolve(AuthKeysParser.FILE), d);
    }
    return parse(dir, haCf, resources, auth, options, d);
  }

  /**
   * Checks the three files' contents (null for a missing file); the pure part of {@link #load},
   * which tests and the fuzzer drive without touching a disk.
   */
  static ConfigResult parse(
      final Path dir,
      final byte[] haCfBytes,
      final byte[] resourcesBytes,
      final byte[] authBytes,
      final Options options,
      final Diagnostics d) {
    final String node =
        (options.node() == null ? options.facts().nodeName() : options.node())
            .toLowerCase(Locale.ROOT);
    if (haCfBytes == null) {
      return new ConfigResult(null, d.all());
    }
    final HaCf haCf =
        new HaCfParser(d, options.facts(), options.onNode()).parse(lines(haCfBytes), node);
    final Path resourceD =
        options.resourceD() == null ? dir.resolve("resource.d") : options.resourceD();
    final List<ResourceGroup> groups =
        resourcesBytes == null
            ? List.of()
            : new HaResourcesParser(
                    d, options.facts(), options.onNode(), List.of(resourceD, options.initD()))
                .parse(lines(resourcesBytes), haCf.nodes());
    AuthKeys keys = null;
    if (authBytes != null) {
      keys = new AuthKeysParser(d).parse(lines(authBytes));
      if (keys != null && keys.active().method() == AuthKeys.Method.CRC) {
        d.warn(
            AuthKeysParser.FILE,
            0,
            "the signing key uses crc, which authenticates nothing: anyone on the heartbeat"
                + " network can forge messages; use sha1 with a secret");
      }
    }
    if (d.hasErrors() || keys == null) {
      return new ConfigResult(null, d.all());
    }
    final String sha256 = sha256(haCfBytes, resourcesBytes, authBytes);
    return new ConfigResult(new ClusterConfig(dir, node, haCf, groups, keys, sha256), d.all());
  }

  private static byte[] read(final Path dir, final String name, final Diagnostics d) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      d.error(
          name,
          0,
          "missing: "
              + dir.resolve(name)
              + " is needed"
              + (name.equals(HaResourcesParser.FILE)
                  ? " (create it empty if the cluster has no resource groups)"
                  : ""));
    } catch (IOException e) {
      d.error(name, 0, "cannot be read: " + e);
    }
    return null;
  }

  /** Decodes without ever failing: a stray byte shows as a replacement character in a message. */
  private static List<String> lines(final byte[] bytes) {
    return List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1));
  }

  private static void checkPermissions(final Path file, final Diagnostics d) {
    final Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    if (perms.contains(PosixFilePermission.GROUP_READ)
        || perms.contains(PosixFilePermission.OTHERS_READ)) {
      d.error(
          AuthKeysParser.FILE,
          0,
          "group or others can read the keys (Heartbeat refuses this too); run: chmod 600 " + file);
    }
  }

  private static String sha256(final byte[]... files) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      final String[] names = {HaCfParser.FILE, HaResourcesParser.FILE, AuthKeysParser.FILE};
      for (int i = 0; i < files.length; i++) {
        md.update(names[i].getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        if (files[i] != null) {
          md.update(files[i]);
        }
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
