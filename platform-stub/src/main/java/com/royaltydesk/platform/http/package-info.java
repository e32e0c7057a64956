/**
 * HTTP edge of the platform: {@link com.royaltydesk.platform.http.Routes} lists every route, handlers
 * do request/response I/O only, and {@link com.royaltydesk.platform.http.Errors} turns every failure
 * into the one JSON error shape so no client ever sees HTML, a stack trace or SQL.
 */
package com.royaltydesk.platform.http;
