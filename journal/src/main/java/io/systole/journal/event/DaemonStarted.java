package io.systole.journal.event;

/**
 * The daemon started: its version and process id. A start without a matching stop marks a crash.
 */
public record DaemonStarted(String version, long pid) implements Event {}
