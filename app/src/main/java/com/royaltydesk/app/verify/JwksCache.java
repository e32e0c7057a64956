package com.royaltydesk.app.verify;

import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.app.api.PlatformClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's JWKS as the app last fetched it: reused while its {@code Cache-Control: max-age}
 * lasts, then revalidated with its ETag (a 304 keeps the keys and starts a new lifetime). A receipt
 * naming a key the cached set lacks makes the caller {@link #refetch} once — a rotation may have
 * happened since — and only then is the key called unknown.
 */
public final class JwksCache {

    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    private final Clock clock;
    private String baseUrl;
    private JWKSet keys;
    private String etag;
    private Instant freshUntil = Instant.MIN;
    private int fetches;

    public JwksCache(Clock clock) {
        this.clock = clock;
    }

    /** The keys, from the cache while fresh. */
    public synchronized JWKSet keys(PlatformClient client) {
        if (!client.baseUrl().equals(baseUrl)) {
            baseUrl = client.baseUrl();
            keys = null;
            etag = null;
            freshUntil = Instant.MIN;
        }
        if (keys != null && clock.instant().isBefore(freshUntil)) {
            return keys;
        }
        return load(client, keys == null ? null : etag);
    }

    /** The keys fetched again now, whatever the cache lifetime says. */
    public synchronized JWKSet refetch(PlatformClient client) {
        baseUrl = client.baseUrl();
        return load(client, null);
    }

    /** How many times the JWKS was requested (conditional requests included). */
    public synchronized int fetches() {
        return fetches;
    }

    private JWKSet load(PlatformClient client, String ifNoneMatch) {
        fetches++;
        PlatformClient.JwksResponse answer = client.jwks(ifNoneMatch);
        if (!answer.notModified()) {
            try {
                keys = JWKSet.parse(answer.body());
            } catch (ParseException e) {
                throw new IllegalStateException("the platform's JWKS is not a key set: " + e.getMessage(), e);
            }
            etag = answer.etag();
        }
        freshUntil = clock.instant().plus(maxAge(answer.cacheControl()));
        return keys;
    }

    /** {@code max-age} from a Cache-Control header; no header, no-cache or no-store mean zero. */
    static Duration maxAge(String cacheControl) {
        if (cacheControl == null) {
            return Duration.ZERO;
        }
        String value = cacheControl.toLowerCase(Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher matcher = MAX_AGE.matcher(value);
        return matcher.find() ? Duration.ofSeconds(Long.parseLong(matcher.group(1))) : Duration.ZERO;
    }
}
