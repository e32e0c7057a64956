/** Settings: connection, sign-in, data folder, and the light or dark theme. */
package com.royaltydesk.app.ui.settings;
