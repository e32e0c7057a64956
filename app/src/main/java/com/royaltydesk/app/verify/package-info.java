/**
 * Receipt verification in the app, on top of the {@code receipt-verifier} module: live receipts via
 * their bundles, bundle files offline. No JavaFX here.
 */
package com.royaltydesk.app.verify;
