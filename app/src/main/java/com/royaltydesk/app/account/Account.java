package com.royaltydesk.app.account;

import java.util.Objects;

/**
 * A saved sign-in.
 *
 * @param platformUrl the remote platform, or null for the bundled sandbox
 * @param creatorId the creator the key belongs to
 * @param apiKey the creator's API key (a secret: never logged, shown only masked)
 */
public record Account(String platformUrl, String creatorId, String apiKey) {

    public Account {
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    public boolean remote() {
        return platformUrl != null;
    }

    /** The key with all but its prefix hidden, for showing where the user can see it. */
    public String maskedKey() {
        int visible = Math.min(apiKey.length(), apiKey.lastIndexOf('_') + 1 + 4);
        return apiKey.substring(0, Math.max(0, visible)) + "…";
    }

    @Override
    public String toString() {
        return "Account[platformUrl=" + platformUrl + ", creatorId=" + creatorId + ", apiKey=" + maskedKey() + "]";
    }
}
