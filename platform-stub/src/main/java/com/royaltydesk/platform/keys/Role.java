package com.royaltydesk.platform.keys;

import java.util.Locale;

/** Who a key speaks for (SPEC §1): the platform operator, a model host, or one creator. */
public enum Role {
    PLATFORM,
    HOST,
    CREATOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
