package com.royaltydesk.verify.trust;

/** A trust root that cannot be used: unreadable, inconsistent with itself, or not a successor of the one held. */
public final class TrustRootException extends Exception {

    public TrustRootException(String message) {
        super(message);
    }
}
