package io.systole.engine.resource;

import java.util.List;
import java.util.Map;

/**
 * One resource action resolved to a program to run: the command line, the variables added to the
 * environment, and the convention its answer is read by. Knows which group, resource and verb it
 * serves, so that its output can be tagged with them.
 *
 * @param group the group's name
 * @param resource the resource's name, as haresources writes it
 * @param verb what is asked of the resource
 * @param command the program and its arguments (for an agent or a script, the action last)
 * @param environment the variables set on top of the daemon's environment
 * @param convention how the exit code and output are read
 */
public record Invocation(
    String group,
    String resource,
    Verb verb,
    List<String> command,
    Map<String, String> environment,
    Convention convention) {
  /** Copies the command and the environment. */
  public Invocation {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** The action the program is called with, such as {@code start} or {@code monitor}. */
  public String action() {
    return convention.action(verb);
  }

  /** How log lines about this action are tagged: group, resource and action. */
  public String tag() {
    return "[" + group + "] " + resource + " " + action();
  }
}
