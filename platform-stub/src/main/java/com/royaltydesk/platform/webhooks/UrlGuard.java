package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.core.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the platform will send webhooks to: http(s) only, and by {@link Targets}: public
 * addresses only (a live platform: nothing in the IANA special-purpose registries), anything (the
 * standalone sandbox, or a flag), or loopback only (the platform embedded in the desktop app, so a
 * web page cannot turn it into a scanner of the user's network). Checked again at each delivery in
 * case DNS changed, and the delivery then connects to the address this check vetted — no second
 * lookup, so a name that answers differently a moment later (DNS rebinding) cannot slip past.
 */
public final class UrlGuard {

    /** Where webhooks may go. */
    public enum Targets {
        PUBLIC_ONLY,
        ANY,
        LOOPBACK_ONLY
    }

    /** How a host name becomes addresses; the system resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A delivery target whose address was checked: connect to {@code address}, speak to {@code uri}'s host. */
    public record Vetted(URI uri, InetAddress address) {}

    private static final int MAX_URL = 2000;

    private final Targets targets;
    private final Resolver resolver;

    public UrlGuard(Targets targets) {
        this(targets, InetAddress::getAllByName);
    }

    public UrlGuard(Targets targets, Resolver resolver) {
        this.targets = targets;
        this.resolver = resolver;
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

    /**
     * Resolves the URL's host once, now, and returns the address to connect to — empty when any of
     * its addresses is one this platform may not call (every address is checked, so a name with one
     * public and one private answer is refused).
     */
    public Optional<Vetted> vetNow(URI uri) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(uri.getHost());
        if (addresses.length == 0) {
            throw new UnknownHostException(uri.getHost());
        }
        for (InetAddress address : addresses) {
            if (refused(address)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Vetted(uri, addresses[0]));
    }

    private boolean blocked(String host) {
        if (targets == Targets.ANY) {
            return false; // a sandbox may name a receiver that resolves only later
        }
        try {
            for (InetAddress address : resolver.resolve(host)) {
                if (refused(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            throw ApiException.invalid("url", "url's host " + host + " does not resolve.");
        }
    }

    private boolean refused(InetAddress address) {
        return switch (targets) {
            case ANY -> false;
            case LOOPBACK_ONLY -> !address.isLoopbackAddress();
            case PUBLIC_ONLY -> SpecialAddresses.isSpecial(address);
        };
    }
}
