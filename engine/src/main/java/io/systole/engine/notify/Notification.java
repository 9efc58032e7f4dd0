package io.systole.engine.notify;

import java.util.Map;

/**
 * One transition as the notify program receives it: the {@code SYSTOLE_*} environment variables
 * that apply to it (see {@link Notifications}), and a short description of it for the log.
 *
 * @param environment variable name to value; only the variables that apply are present
 */
public record Notification(Map<String, String> environment) {
  /** Copies the variables. */
  public Notification {
    environment = Map.copyOf(environment);
  }

  /** The transition for an operator's log line, such as {@code NodeDead ha2 (#42)}. */
  public String describe() {
    final StringBuilder b = new StringBuilder(environment.get(Notifications.EVENT));
    for (final String name :
        new String[] {Notifications.TARGET, Notifications.GROUP, Notifications.LINK}) {
      final String value = environment.get(name);
      if (value != null) {
        b.append(' ').append(value);
      }
    }
    return b.append(" (#").append(environment.get(Notifications.INDEX)).append(')').toString();
  }
}
