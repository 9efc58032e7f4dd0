package io.systole.tools;

import picocli.CommandLine.Command;

/**
 * {@code systole config}: the tools for a node's Heartbeat configuration directory ({@code
 * /etc/ha.d}: ha.cf, haresources, authkeys). A group only; each tool is a subcommand.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Tools for the configuration directory (ha.cf, haresources, authkeys).",
    subcommands = {ConfigCheckCommand.class})
final class ConfigCommand {}
