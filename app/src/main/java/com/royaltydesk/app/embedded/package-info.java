/**
 * Runs the bundled platform inside the app for the offline sandbox. The only package allowed to
 * import {@code com.royaltydesk.platform}.
 */
package com.royaltydesk.app.embedded;
