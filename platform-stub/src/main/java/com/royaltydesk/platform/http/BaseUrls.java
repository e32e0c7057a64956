package com.royaltydesk.platform.http;

import io.javalin.http.Context;

/** The base URL a client used to reach us, for links such as {@code upload_url}. */
final class BaseUrls {

    private BaseUrls() {}

    static String of(Context ctx) {
        String url = ctx.fullUrl();
        String path = ctx.path();
        int at = url.indexOf(path, url.indexOf("://") + 3);
        return at < 0 ? url : url.substring(0, at);
    }
}
