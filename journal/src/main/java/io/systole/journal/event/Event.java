package io.systole.journal.event;

/**
 * A transition that happened to a node: the unit of the journal. Every implementation is an
 * immutable record, and the set is closed so that the fold can be checked for totality. Heartbeats
 * themselves are not events; only the transitions they cause are. Durations and instants are in
 * microseconds and say so in their names; an instant is microseconds since the epoch.
 */
public sealed interface Event
    permits NodeUp,
        NodeWarn,
        NodeDead,
        LinkUp,
        LinkDead,
        GroupStart,
        GroupStop,
        ResourceStart,
        ResourceStop,
        MonitorFailed,
        PeerClaim,
        PeerRelease,
        PeerStatus,
        AdminStandby,
        AdminTakeover,
        AdminCleanup,
        Fence,
        PingStatus,
        ConfigLoaded,
        DaemonStarted,
        DaemonStopping,
        DaemonStopped,
        Checkpoint {}
