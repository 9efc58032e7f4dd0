package io.systole.journal.event;

/**
 * The medium {@code link} has not carried a heartbeat from {@code node} for {@code deadtimeMicros};
 * other links may still hear it.
 */
public record LinkDead(String node, String link, long lastHeardMicros, long deadtimeMicros)
    implements Event {}
