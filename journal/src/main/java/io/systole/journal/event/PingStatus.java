package io.systole.journal.event;

/**
 * Whether this node reaches ping group {@code group} (a {@code ping} address or a {@code
 * ping_group}): it does while any of the group's addresses answers within deadping. {@code detail}
 * is the evidence, for the postmortem.
 */
public record PingStatus(String group, boolean reachable, String detail) implements Event {}
