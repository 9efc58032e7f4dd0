package io.systole.engine.resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the lines a program run by {@link ActionRunner} writes go. The default, {@link #LOG}, logs
 * each line with its tag (for a resource: group, resource and action; for a fencing agent: the node
 * and the agent) and the stream; lines of a status check or monitor that went as expected are
 * routine and logged at debug level, so a periodic monitor does not flood the log.
 */
@FunctionalInterface
public interface ScriptOutput {
  /** Logs through SLF4J, logger {@code io.systole.engine.resource.ScriptOutput}. */
  ScriptOutput LOG =
      new ScriptOutput() {
        private final Logger log = LoggerFactory.getLogger(ScriptOutput.class);

        @Override
        public void line(
            final String tag, final String stream, final String line, final boolean routine) {
          if (routine) {
            log.debug("{} {}: {}", tag, stream, line);
          } else {
            log.info("{} {}: {}", tag, stream, line);
          }
        }
      };

  /**
   * One line that a program wrote.
   *
   * @param tag what ran, such as {@link Invocation#tag()}
   * @param stream {@code stdout} or {@code stderr}
   * @param line the line, without its end
   * @param routine whether it comes from a status check or monitor that found what was expected
   */
  void line(String tag, String stream, String line, boolean routine);
}
