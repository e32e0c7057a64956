package com.royaltydesk.platform.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches Javalin (a malformed URI, oversized headers, bad
 * chunked encoding) in the one JSON error shape, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? 400 : response.getStatus();
        String code = status >= 500 ? "internal_error" : Errors.codeFor(status);
        String message = status >= 500
                ? "The platform hit an unexpected error; nothing was changed."
                : "The request could not be read (status " + status + ").";
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Routes.JSON_UTF8);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
