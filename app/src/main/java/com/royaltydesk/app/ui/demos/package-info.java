/** The platform's static demo pages in a WebView, with the app's verifier handed to them. */
package com.royaltydesk.app.ui.demos;
