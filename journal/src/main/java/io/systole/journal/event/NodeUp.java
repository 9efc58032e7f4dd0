package io.systole.journal.event;

/**
 * A node is heard again, or for the first time: it counts as up. {@code link} is the medium it was
 * heard on.
 */
public record NodeUp(String node, String link) implements Event {}
