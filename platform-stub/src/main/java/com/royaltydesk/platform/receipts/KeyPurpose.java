package com.royaltydesk.platform.receipts;

import java.util.Locale;

/**
 * What a signing key signs: real receipts, sandbox receipts only, or log checkpoints only (a key
 * that signs checkpoints signs nothing else, so a stolen receipt key cannot rewrite the log).
 */
public enum KeyPurpose {
    RECEIPTS,
    SANDBOX,
    CHECKPOINTS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The purpose a trust root names: sandbox receipt keys sign receipts too (in the sandbox environment). */
    public String trustRootPurpose() {
        return this == CHECKPOINTS ? "checkpoints" : "receipts";
    }
}
