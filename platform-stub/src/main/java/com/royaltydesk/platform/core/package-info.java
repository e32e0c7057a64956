/**
 * The platform's kernel, shared by every domain package and depending on none: {@code ApiException}
 * (a failure by its semantic kind; {@code http.Errors} alone maps kinds to statuses), {@code Ids}
 * (prefixed random ids) and {@code Validate} (the field rules requests share).
 */
package com.royaltydesk.platform.core;
