package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs the platform will send webhooks to: http(s) only, and by {@link Targets}: public
 * addresses only (a live platform: nothing in the IANA special-purpose registries), anything (the
 * standalone sandbox, or a flag), or loopback only (the platform embedded in the desktop app, so a
 * web page cannot turn it into a scanner of the user's network). Checked again at each delivery in
 * case DNS changed.
 */
public final class UrlGuard {

    /** Where webhooks may go. */
    public enum Targets {
        PUBLIC_ONLY,
        ANY,
        LOOPBACK_ONLY
    }

    private static final int MAX_URL = 2000;

    private final Targets targets;

    public UrlGuard(Targets targets) {
        this.targets = targets;
    }

    public URI check(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw ApiException.invalid("url", "url is required (at most " + MAX_URL + " characters).");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ApiException.invalid("url", "url must be an http or https URL with a host.");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.invalid("url", "url must not contain credentials.");
        }
        if (blocked(uri.getHost())) {
            throw ApiException.invalid(
                    "url",
                    targets == Targets.LOOPBACK_ONLY
                            ? "The app's own sandbox sends webhooks only to this computer (127.0.0.1 or localhost)."
                            : "url points to a loopback, private or otherwise special-purpose address, which this"
                                    + " platform does not call.");
        }
        return uri;
    }

    /** True when delivering to this URL now would reach an address it may not. */
    public boolean blockedNow(URI uri) {
        return blocked(uri.getHost());
    }

    private boolean blocked(String host) {
        if (targets == Targets.ANY) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                boolean refused = targets == Targets.LOOPBACK_ONLY
                        ? !address.isLoopbackAddress()
                        : SpecialAddresses.isSpecial(address);
                if (refused) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            throw ApiException.invalid("url", "url's host " + host + " does not resolve.");
        }
    }
}
