package com.royaltydesk.platform.keys;

/** A newly made key: the secret is shown once, here, and only its hash is kept. */
public record IssuedKey(String keyId, String secret, Role role, String ownerId) {}
