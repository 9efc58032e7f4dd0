package io.systole.journal.event;

/**
 * The periodic check of a running group here found {@code resource} not running or failing ({@code
 * detail}: the agent's exit code or the timeout). The first such failure restarts the group here;
 * one after that restart moves it away.
 */
public record MonitorFailed(String group, String resource, String detail) implements Event {}
