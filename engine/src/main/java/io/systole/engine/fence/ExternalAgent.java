package io.systole.engine.fence;

import io.systole.engine.resource.ActionRunner;
import io.systole.engine.resource.ProgramResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeat's {@code external} STONITH devices: a program that is run as {@code PROGRAM VERB NODE}
 * (action first, host second, as Heartbeat's external plugins are) and succeeds by exiting 0. Any
 * other exit, a timeout (the program's process group is then killed) or a program that is missing
 * or not executable is a failure whose detail names the program and says what to do.
 *
 * <p>Two forms. {@link #program}: {@code stonith_host * external /path/to/exe [ARGS...]}, run as
 * {@code exe VERB NODE ARGS...}. {@link #plugin}: {@code stonith_host * external/NAME PARAMS...},
 * the plugin {@code NAME} in {@code /usr/lib/stonith/plugins/external}; as Heartbeat does, the
 * plugin is first asked for the names of its parameters ({@code NAME getconfignames}, once), and
 * each positional parameter of ha.cf is passed in the environment variable of that name. The {@code
 * stonith external/NAME CONFIGFILE} form is not read as a configuration file: its one parameter is
 * passed as the first variable, so use {@code stonith_host} for plugins. Programs run through
 * {@link ActionRunner}, which logs their lines tagged with the node and the program.
 */
public final class ExternalAgent implements FenceAgent {
  /** Where Heartbeat keeps its external STONITH plugins. */
  public static final Path PLUGIN_DIR = Path.of("/usr/lib/stonith/plugins/external");

  private final String description;
  private final Path program;
  private final List<String> args;
  private final List<String> params;
  private final boolean plugin;
  private final ActionRunner runner;

  /** The plugin's parameter names, once it gave them; null before. */
  private volatile List<String> configNames;

  private ExternalAgent(
      final String description,
      final Path program,
      final List<String> args,
      final List<String> params,
      final boolean plugin,
      final ActionRunner runner) {
    this.description = description;
    this.program = program;
    this.args = List.copyOf(args);
    this.params = List.copyOf(params);
    this.plugin = plugin;
    this.runner = runner;
  }

  /**
   * {@code stonith_host * external PROGRAM ARGS...}: runs {@code PROGRAM VERB NODE ARGS...}.
   *
   * @param program an absolute path
   * @param args passed after the node
   * @param runner runs the program
   * @return the agent
   * @throws IllegalArgumentException when {@code program} is not absolute
   */
  public static ExternalAgent program(
      final Path program, final List<String> args, final ActionRunner runner) {
    if (!program.isAbsolute()) {
      throw new IllegalArgumentException(
          "stonith type external needs an absolute path to its program, not "
              + program
              + ": fix the stonith line in ha.cf");
    }
    return new ExternalAgent("external " + program, program, args, List.of(), false, runner);
  }

  /**
   * {@code stonith_host * external/NAME PARAMS...}: the plugin {@code NAME} in {@code pluginDir},
   * its parameters passed in the environment by the names it gives.
   *
   * @param name the plugin's file name
   * @param pluginDir where plugins are, {@link #PLUGIN_DIR} but in tests
   * @param params the positional parameters of ha.cf
   * @param runner runs the plugin
   * @return the agent
   * @throws IllegalArgumentException when {@code name} is not a plain file name
   */
  public static ExternalAgent plugin(
      final String name,
      final Path pluginDir,
      final List<String> params,
      final ActionRunner runner) {
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*")) {
      throw new IllegalArgumentException(
          "stonith type external/"
              + name
              + " does not name a plugin file in "
              + pluginDir
              + ": fix the stonith line in ha.cf");
    }
    return new ExternalAgent(
        "external/" + name, pluginDir.resolve(name), List.of(), params, true, runner);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public FenceOutcome run(final FenceVerb verb, final String node, final Duration timeout) {
    final long start = System.nanoTime();
    final String unusable = unusable(program);
    if (unusable != null) {
      return FenceOutcome.failure(description + ": " + unusable, FenceOutcome.since(start));
    }
    final Map<String, String> environment;
    if (plugin) {
      final ProgramResult names = configNames(node, timeout);
      if (names != null) {
        return FenceOutcome.failure(failed("getconfignames", names), FenceOutcome.since(start));
      }
      if (params.size() > configNames.size()) {
        return FenceOutcome.failure(
            description
                + " takes "
                + configNames.size()
                + " parameters ("
                + String.join(" ", configNames)
                + "), ha.cf gives "
                + params.size()
                + ": fix its stonith_host line",
            FenceOutcome.since(start));
      }
      environment = environment();
    } else {
      environment = Map.of();
    }
    final List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.add(verb.keyword());
    command.add(node);
    command.addAll(args);
    final ProgramResult ran =
        runner.run(tag(node, verb.keyword()), command, environment, timeout, false);
    return ran.exited() && ran.exitCode() == 0
        ? FenceOutcome.success("", FenceOutcome.since(start))
        : FenceOutcome.failure(failed(verb.keyword(), ran), FenceOutcome.since(start));
  }

  /**
   * Asks the plugin for its parameter names unless it already gave them.
   *
   * @return null when the names are known, else what came of asking
   */
  private ProgramResult configNames(final String node, final Duration timeout) {
    if (configNames != null) {
      return null;
    }
    final ProgramResult ran =
        runner.run(
            tag(node, "getconfignames"),
            List.of(program.toString(), "getconfignames"),
            Map.of(),
            timeout,
            true);
    if (!ran.exited() || ran.exitCode() != 0) {
      return ran;
    }
    final String names = ran.stdout().strip();
    configNames = names.isEmpty() ? List.of() : Arrays.asList(names.split("\\s+"));
    return null;
  }

  /** Each parameter under the name the plugin gave it, in order. */
  private Map<String, String> environment() {
    final Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      env.put(configNames.get(i), params.get(i));
    }
    return env;
  }

  /** "external /x exited 1: last line of stderr", "external /x reset: timed out after 60 s". */
  private String failed(final String action, final ProgramResult ran) {
    if (!ran.exited()) {
      return description + " " + action + ": " + ran.failure();
    }
    final String why = ran.lastErrorLine();
    return description
        + " "
        + action
        + " exited "
        + ran.exitCode()
        + (why.isEmpty() ? " (nothing on stderr)" : ": " + why);
  }

  private String tag(final String node, final String action) {
    return "fence " + node + ": " + description + " " + action;
  }

  /** Why {@code file} cannot be run, with what to do about it; null when it can. */
  static String unusable(final Path file) {
    if (!Files.exists(file)) {
      return file + " does not exist: install it, or fix the stonith line in ha.cf";
    }
    if (!Files.isRegularFile(file)) {
      return file + " is not a file: fix the stonith line in ha.cf";
    }
    if (!Files.isExecutable(file)) {
      return file + " is not executable: chmod +x " + file;
    }
    return null;
  }
}
