package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs the platform will send webhooks to: http(s) only, and — unless private targets are
 * allowed (sandbox mode, or a flag) — never loopback, private, link-local or otherwise internal
 * addresses, checked again at each delivery in case DNS changed.
 */
public final class UrlGuard {

    private static final int MAX_URL = 2000;

    private final boolean allowPrivate;

    public UrlGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
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
        if (!allowPrivate && isInternal(uri.getHost())) {
            throw ApiException.invalid(
                    "url", "url points to a loopback or private address, which this platform does not call.");
        }
        return uri;
    }

    /** True when delivering to this URL now would reach an internal address. */
    public boolean blockedNow(URI uri) {
        return !allowPrivate && isInternal(uri.getHost());
    }

    private static boolean isInternal(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress()
                        || address.isSiteLocalAddress()
                        || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress()
                        || address.isMulticastAddress()
                        || isUniqueLocalV6(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            throw ApiException.invalid("url", "url's host " + host + " does not resolve.");
        }
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
