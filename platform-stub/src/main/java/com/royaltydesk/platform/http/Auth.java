package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads {@code Authorization: Bearer <key>} and checks the caller's role: 401 unknown, 403 wrong role. */
public final class Auth {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;

    public Auth(ApiKeyService keys) {
        this.keys = keys;
    }

    /** The caller, who must hold one of {@code allowed}. */
    public Principal require(Context ctx, Role... allowed) {
        Principal principal = optional(ctx)
                .orElseThrow(() -> new ApiException(
                        ApiException.Kind.UNAUTHENTICATED,
                        "unauthorized",
                        "Send a valid API key as 'Authorization: Bearer <key>'.",
                        null));
        if (Arrays.stream(allowed).noneMatch(principal::is)) {
            String roles = Arrays.stream(allowed).map(Role::wireName).collect(Collectors.joining(" or "));
            throw new ApiException(
                    ApiException.Kind.FORBIDDEN, "forbidden", "This endpoint needs a " + roles + " key.", null);
        }
        return principal;
    }

    /**
     * The caller if a key was sent. A key that was sent but is unknown or revoked is still a 401:
     * silently treating it as anonymous would hide the client's mistake.
     */
    public Optional<Principal> optional(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!header.startsWith(BEARER)) {
            throw new ApiException(
                    ApiException.Kind.UNAUTHENTICATED, "unauthorized", "Use 'Authorization: Bearer <key>'.", null);
        }
        Optional<Principal> principal =
                keys.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) {
            throw new ApiException(
                    ApiException.Kind.UNAUTHENTICATED,
                    "unauthorized",
                    "The API key is not valid or was revoked.",
                    null);
        }
        return principal;
    }
}
