package io.systole.journal.event;

/**
 * An admin asked {@code node} to give up the groups in {@code scope} (hb_standby); {@code origin}
 * says where the command came from.
 */
public record AdminStandby(String node, Scope scope, String origin) implements Event {}
