/**
 * The platform's HTTP API seen from the app: a Retrofit interface, response records and {@link
 * com.royaltydesk.app.api.PlatformClient}, which maps every failure to {@link
 * com.royaltydesk.app.api.ApiException}. No JavaFX here.
 */
package com.royaltydesk.app.api;
