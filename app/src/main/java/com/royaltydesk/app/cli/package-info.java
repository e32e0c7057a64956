/**
 * The app's command line without a window: {@code royalty-desk verify} for reviewers' scripts
 * (SPEC §2a), on the same verifier and trust store as the window.
 */
package com.royaltydesk.app.cli;
