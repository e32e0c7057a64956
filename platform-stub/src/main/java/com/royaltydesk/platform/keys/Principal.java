package com.royaltydesk.platform.keys;

/**
 * The caller, as established from its API key. {@code creatorId} is set only for creator keys and is
 * the tenant every creator request is scoped to; {@code hostId} likewise for model-host keys.
 */
public record Principal(String keyId, Role role, String creatorId, String hostId) {

    public boolean is(Role wanted) {
        return role == wanted;
    }
}
