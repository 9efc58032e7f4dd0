package io.systole.tools;

import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.HostFacts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code systole config check [DIR]}: reads a configuration directory as the daemon would, with
 * {@link ConfigLoader}, and prints the effective configuration (see {@link ConfigText}, or {@link
 * ConfigJson} with {@code --json}) followed by every warning and error as {@code FILE:LINE:
 * message}. With errors there is no effective configuration: only the problems are printed, and a
 * count on stderr. No authkeys secret is ever printed: only a key's index and method, and the
 * parser never quotes a word of authkeys in its messages.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check a configuration directory and print the effective configuration.",
      "Reads ha.cf, haresources and authkeys as the daemon would and prints what it would run with"
          + " (timings, media, nodes, resource groups in order, the signing key's index and method,"
          + " never a secret), then every warning and error as FILE:LINE: message. Away from the"
          + " node (the default) a missing interface, device or script is a warning; --on-node"
          + " makes it an error, as the daemon does."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:no errors (warnings are fine)",
      " 1:warnings, with --strict",
      " 2:errors, or a usage error"
    })
final class ConfigCheckCommand implements Callable<Integer> {
  /** The directory Heartbeat and the daemon read. */
  static final String DEFAULT_DIR = "/etc/ha.d";

  @Spec CommandSpec command;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      defaultValue = DEFAULT_DIR,
      description = "The configuration directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "Check as node NAME (default: this host's name, uname -n).")
  String node;

  @Option(
      names = "--on-node",
      description =
          "Check as the daemon does on the node itself: a missing interface, device or resource"
              + " script is an error, not a warning.")
  boolean onNode;

  @Option(
      names = "--resource-dir",
      paramLabel = "DIR",
      description = "Look up resource scripts here first (default: DIR/resource.d).")
  Path resourceDir;

  @Option(
      names = "--init-dir",
      paramLabel = "DIR",
      defaultValue = "/etc/init.d",
      description = "Then look up resource scripts here (default: ${DEFAULT-VALUE}).")
  Path initDir;

  @Option(names = "--strict", description = "Exit with status 1 when there are warnings.")
  boolean strict;

  @Option(names = "--json", description = "Print the same as one JSON document.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Print more: the full sha256, where each resource script was found, every key's index"
              + " and method; and the stack trace of an unexpected error.")
  boolean verbose;

  /** The machine the check asks about interfaces, devices and scripts (tests describe one). */
  HostFacts facts = HostFacts.LOCAL;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      return fail(
          dir + " is not a directory; give the configuration directory, such as " + DEFAULT_DIR,
          null);
    }
    final String name = (node == null ? facts.nodeName() : node).toLowerCase(Locale.ROOT);
    final ConfigLoader.Options options =
        ConfigLoader.Options.forNode(name)
            .withResourceDirs(resourceDir, initDir)
            .onNode(onNode)
            .withFacts(facts);
    final ConfigResult result;
    try {
      result = ConfigLoader.load(dir, options);
    } catch (RuntimeException e) {
      return fail("the configuration parser failed on " + dir + ": " + e, e);
    }
    final PrintWriter out = command.commandLine().getOut();
    if (json) {
      out.println(ConfigJson.render(dir, name, result));
    } else {
      new ConfigText(out, verbose).print(result);
    }
    out.flush();
    final int errors = result.errors().size();
    final int warnings = result.warnings().size();
    final int status =
        errors > 0
            ? SystoleCommand.USAGE
            : strict && warnings > 0 ? SystoleCommand.FINDING : SystoleCommand.OK;
    if (status != SystoleCommand.OK) {
      error(
          count(errors, "error")
              + ", "
              + count(warnings, "warning")
              + (errors == 0 ? " (--strict)" : ""),
          null);
    }
    return status;
  }

  private static String count(final int n, final String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private int fail(final String message, final Throwable cause) {
    error(message, cause);
    return SystoleCommand.USAGE;
  }

  /** Prints "systole config check: {@code message}" to stderr, and the stack trace if verbose. */
  private void error(final String message, final Throwable cause) {
    final PrintWriter err = command.commandLine().getErr();
    err.println(command.qualifiedName() + ": " + message);
    if (verbose && cause != null) {
      cause.printStackTrace(err);
    }
    err.flush();
  }
}
