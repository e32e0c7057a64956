/**
 * Who the app signs in as, and where: the bundled sandbox (as its demo creator, or a creator signed
 * up on it) or a remote platform with the user's API key, kept in {@code account.json} that only
 * the user can read. Toolkit-free.
 */
package com.royaltydesk.app.account;
