package io.systole.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration of one node, read from one directory: ha.cf, haresources and authkeys,
 * checked together. {@code sha256} identifies exactly these files, so the journal can record which
 * configuration every decision was made under.
 *
 * @param directory where the files were read
 * @param localNode this node's name, lower-cased
 * @param haCf the effective ha.cf
 * @param groups the resource groups, in file order
 * @param authKeys the keys
 * @param sha256 hex SHA-256 over the three files' names and bytes
 */
public record ClusterConfig(
    Path directory,
    String localNode,
    HaCf haCf,
    List<ResourceGroup> groups,
    AuthKeys authKeys,
    String sha256) {
  /** Copies the groups. */
  public ClusterConfig {
    groups = List.copyOf(groups);
  }
}
