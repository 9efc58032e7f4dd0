package io.systole.journal.event;

/**
 * A heartbeat from {@code node} on {@code link} is late by {@code lateByMicros} (past warntime):
 * Heartbeat's "late heartbeat" warning, journaled once per lateness episode.
 */
public record NodeWarn(String node, String link, long lastHeardMicros, long lateByMicros)
    implements Event {}
