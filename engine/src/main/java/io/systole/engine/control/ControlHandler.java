package io.systole.engine.control;

/**
 * Answers one control request: the request line (a command and its arguments separated by single
 * spaces, for example {@code status json}) in, an exit code and a body out. Runs on the control
 * thread; it reads published, immutable state and must not block.
 */
@FunctionalInterface
public interface ControlHandler {
  /** The answer to {@code request}. */
  ControlProtocol.Response handle(String request);
}
