package io.systole.journal.event;

/**
 * An admin asked {@code node} to take the groups in {@code scope} (hb_takeover); {@code origin}
 * says where the command came from.
 */
public record AdminTakeover(String node, Scope scope, String origin) implements Event {}
