package com.royaltydesk.app.account;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The platform the app talks to right now and who it is signed in as.
 *
 * @param baseUrl the platform's URL
 * @param creatorId the creator signed in
 * @param creatorKey that creator's API key
 * @param keyFile where that key is kept on this computer
 * @param sandbox the bundled sandbox's own keys, for its demo actions; null on a remote platform
 * @param demoCreator whether this is the sandbox's demo creator (offered to sign up as someone new)
 */
public record Session(
        String baseUrl, String creatorId, String creatorKey, Path keyFile, SandboxKeys sandbox, boolean demoCreator) {

    /** The bundled sandbox's platform and host keys: they let the app play the other parties in demos. */
    public record SandboxKeys(String platformKey, String hostKey) {}

    public Session {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(creatorKey, "creatorKey");
        Objects.requireNonNull(keyFile, "keyFile");
    }

    /** A creator who signed up or signed in: not the sandbox's demo creator. */
    public Session(String baseUrl, String creatorId, String creatorKey, Path keyFile, SandboxKeys sandbox) {
        this(baseUrl, creatorId, creatorKey, keyFile, sandbox, false);
    }

    public boolean embedded() {
        return sandbox != null;
    }

    @Override
    public String toString() {
        return "Session[" + baseUrl + ", " + creatorId + "]";
    }
}
