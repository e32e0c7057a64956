package com.royaltydesk.app.ui.status;

/** What the status bar knows about the platform it is connected to. */
public enum PlatformStatus {
    /** The embedded platform is still starting. */
    STARTING,
    /** A health check is under way and none has answered yet. */
    CHECKING,
    /** The last health check answered ok. */
    HEALTHY,
    /** The platform answered, but not ok (its database is down, say). */
    UNHEALTHY,
    /** The platform did not answer at all. */
    UNREACHABLE,
    /** The embedded platform could not start. */
    FAILED_TO_START
}
