/**
 * API keys and roles: keys are random, prefixed by mode and role, stored only as SHA-256 hashes and
 * revocable. A {@link com.royaltydesk.platform.keys.Principal} is who a request speaks for; the
 * tenant always comes from it, never from the request.
 */
package com.royaltydesk.platform.keys;
