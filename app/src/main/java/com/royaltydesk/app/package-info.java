/**
 * The desktop app's composition root: {@link com.royaltydesk.app.App} wires executors, the platform
 * client and the views by hand; {@link com.royaltydesk.app.Launcher} is the plain main class.
 */
package com.royaltydesk.app;
