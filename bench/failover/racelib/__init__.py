"""The failover race: Systole against Heartbeat 3.0.6 and keepalived in network namespaces."""
