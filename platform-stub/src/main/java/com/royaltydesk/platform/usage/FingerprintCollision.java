package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.ApiException;

/**
 * Two different event ids with one {@link com.royaltydesk.platform.core.EventFingerprint}: the
 * batch is refused whole and nothing of it is stored. With 128 bits of SHA-256 this is not expected
 * to happen in the platform's lifetime; if it does, the host hears which id to send again under
 * another name instead of that event being called a duplicate and never paid.
 */
final class FingerprintCollision extends ApiException {

    FingerprintCollision(String eventId) {
        super(
                Kind.CONFLICT,
                "event_fingerprint_collision",
                "Event " + eventId + " shares its 128-bit fingerprint with another event id already stored;"
                        + " nothing of this batch was stored. Send this event under another event_id.",
                "events");
    }
}
