package io.systole.journal.event;

/**
 * The daemon was asked to stop ({@code reason}, such as SIGTERM): from here it starts nothing,
 * stops the groups it holds in reverse haresources order and announces their release, and then
 * journals {@link DaemonStopped}. A start that follows this entry without a {@link DaemonStopped}
 * is a crash during the stop.
 */
public record DaemonStopping(String reason) implements Event {}
