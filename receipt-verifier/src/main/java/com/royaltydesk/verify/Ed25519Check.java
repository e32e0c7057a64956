package com.royaltydesk.verify;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;

/**
 * One raw Ed25519 signature against one 32-byte public key: for callers that assemble the signed
 * message themselves, such as the demo pages checking a checkpoint note inside the app's WebView.
 */
public final class Ed25519Check {

    private Ed25519Check() {}

    /** True only for a valid signature; false for anything malformed. */
    public static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            new Ed25519Verify(publicKey).verify(signature, message);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
