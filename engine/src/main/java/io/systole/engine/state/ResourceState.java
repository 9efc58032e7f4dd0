package io.systole.engine.state;

/**
 * One resource of a group on this node: its status and the actuator's last word on it.
 *
 * @param resource the resource as haresources writes it, such as {@code IPaddr::10.0.0.50}
 */
public record ResourceState(String resource, ResourceStatus status, String detail) {}
