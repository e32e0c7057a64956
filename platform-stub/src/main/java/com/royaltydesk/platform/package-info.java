/**
 * The platform API server's entry points: {@link com.royaltydesk.platform.Main} for the standalone
 * jar and {@link com.royaltydesk.platform.PlatformServer}, which builds a running platform from a
 * {@link com.royaltydesk.platform.PlatformConfig} for the jar, the desktop app and tests alike.
 */
package com.royaltydesk.platform;
