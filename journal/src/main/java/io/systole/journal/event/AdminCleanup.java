package io.systole.journal.event;

/**
 * An admin declared {@code group} clean on {@code node}: its failed start is forgiven, and a failed
 * stop is taken as stopped (the admin checked by hand), so that the group may run again; {@code
 * origin} says where the command came from.
 */
public record AdminCleanup(String node, String group, String origin) implements Event {}
