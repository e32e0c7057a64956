package com.royaltydesk.platform.sandbox;

import java.util.List;

/**
 * The keys a fresh sandbox made, as written to {@code <data-dir>/sandbox-credentials.json} for the
 * embedded app and the demos. Sandbox only; the file is readable by its owner only.
 */
public record SandboxCredentials(String platformKey, String hostKey, List<Creator> creators) {

    public static final String FILE_NAME = "sandbox-credentials.json";

    /** One sandbox creator and its key. */
    public record Creator(String creatorId, String apiKey) {}
}
