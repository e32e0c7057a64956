/** The status bar: which platform the window talks to and whether it is healthy. */
package com.royaltydesk.app.ui.status;
