package com.royaltydesk.platform.receipts;

import java.util.Locale;

/** What a signing key signs: real receipts and log checkpoints, or sandbox receipts only. */
public enum KeyPurpose {
    RECEIPTS,
    SANDBOX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
