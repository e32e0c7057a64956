package com.royaltydesk.app.ui.demos;

import java.net.URI;

/**
 * An exported demo page set to call one platform: a {@code <meta name="rdk-api">} after its charset,
 * which the pages read when no {@code ?api=} is given — hosted on a CDN, their own origin is not the
 * platform. The address is checked first and written escaped.
 */
final class DemoExport {

    private static final String CHARSET = "<meta charset=\"utf-8\">";

    private DemoExport() {}

    /** The address as the pages will use it: http(s), a host, no query or fragment, no trailing slash. */
    static String checkedAddress(String api) {
        URI uri;
        try {
            uri = URI.create(api.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address: " + api, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("an http or https address with a host is needed, not " + api);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the address takes no ?query or #fragment: " + api);
        }
        return uri.toString().replaceAll("/+$", "");
    }

    /** The page with the address it is to call. */
    static String callingApi(String html, String address) {
        int at = html.indexOf(CHARSET);
        if (at < 0) {
            throw new IllegalStateException("a demo page without <meta charset=\"utf-8\">: cannot set its address");
        }
        String meta = "\n<meta name=\"rdk-api\" content=\"" + escaped(address) + "\">";
        int end = at + CHARSET.length();
        return html.substring(0, end) + meta + html.substring(end);
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
