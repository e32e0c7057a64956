package com.royaltydesk.platform.creators;

import java.util.Locale;

/** Where a creator stands with identity checks; payouts need {@link #VERIFIED}. */
public enum KycStatus {
    PENDING,
    VERIFIED,
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
