package io.systole.engine.resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the lines a resource program writes go. The default, {@link #LOG}, logs each line tagged
 * with group, resource and action and the stream; lines of a status check or monitor that went as
 * expected are routine and logged at debug level, so a periodic monitor does not flood the log.
 */
@FunctionalInterface
public interface ScriptOutput {
  /** Logs through SLF4J, logger {@code io.systole.engine.resource.ScriptOutput}. */
  ScriptOutput LOG =
      new ScriptOutput() {
        private final Logger log = LoggerFactory.getLogger(ScriptOutput.class);

        @Override
        public void line(
            final Invocation action,
            final String stream,
            final String line,
            final boolean routine) {
          if (routine) {
            log.debug("{} {}: {}", action.tag(), stream, line);
          } else {
            log.info("{} {}: {}", action.tag(), stream, line);
          }
        }
      };

  /**
   * One line that {@code action}'s program wrote.
   *
   * @param action what ran
   * @param stream {@code stdout} or {@code stderr}
   * @param line the line, without its end
   * @param routine whether it comes from a status check or monitor that found what was expected
   */
  void line(Invocation action, String stream, String line, boolean routine);
}
