package io.systole.engine.fence;

import io.systole.engine.config.HaCf;
import io.systole.engine.resource.ActionRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link FenceAgent} of a {@code stonith}/{@code stonith_host} line of ha.cf. The types
 * Systole drives: {@code external} (a program), {@code external/NAME} (a Heartbeat external
 * plugin), {@code meatware} (an operator) and {@code null} (nothing, for tests); Heartbeat's other
 * plugins (its C ones) are refused with a message that lists these.
 */
public final class FenceAgents {
  /** The STONITH types Systole drives, as ha.cf spells them. */
  public static final List<String> SUPPORTED =
      List.of("external", "external/NAME", "meatware", "null");

  private final ActionRunner runner;
  private final Path pluginDir;

  /** Agents whose programs run with {@code runner}; plugins in {@link ExternalAgent#PLUGIN_DIR}. */
  public FenceAgents(final ActionRunner runner) {
    this(runner, ExternalAgent.PLUGIN_DIR);
  }

  /**
   * Agents whose programs run with {@code runner}.
   *
   * @param runner runs external programs
   * @param pluginDir where {@code external/NAME} plugins are
   */
  public FenceAgents(final ActionRunner runner, final Path pluginDir) {
    this.runner = runner;
    this.pluginDir = pluginDir;
  }

  /**
   * The agent {@code localNode} fences with: that of the first device for all hosts or for it.
   *
   * @param devices the {@code stonith}/{@code stonith_host} lines, in file order
   * @param localNode this node's name
   * @return the agent; empty when no device applies to this node
   * @throws IllegalArgumentException when that device's type is not supported
   */
  public Optional<FenceAgent> forNode(final List<HaCf.Stonith> devices, final String localNode) {
    return HaCf.Stonith.applying(devices, localNode).map(this::of);
  }

  /**
   * The agent of {@code device}.
   *
   * @throws IllegalArgumentException when its type is not supported or its parameters cannot work
   */
  public FenceAgent of(final HaCf.Stonith device) {
    final String type = device.type();
    final List<String> params = device.params();
    if (type.startsWith("external/")) {
      return ExternalAgent.plugin(type.substring("external/".length()), pluginDir, params, runner);
    }
    return switch (type) {
      case "external" -> {
        if (params.isEmpty()) {
          throw new IllegalArgumentException(
              "stonith type external needs the path of its program: stonith_host * external"
                  + " /path/to/program [ARGS...]");
        }
        yield ExternalAgent.program(
            Path.of(params.get(0)), params.subList(1, params.size()), runner);
      }
      case "meatware" -> new MeatwareAgent();
      case "null" -> new NullAgent();
      default ->
          throw new IllegalArgumentException(
              "unknown stonith type "
                  + type
                  + ": Systole supports "
                  + String.join(", ", SUPPORTED)
                  + " (wrap another device in an external program)");
    };
  }
}
