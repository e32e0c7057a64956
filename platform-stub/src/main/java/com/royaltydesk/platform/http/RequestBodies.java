package com.royaltydesk.platform.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.royaltydesk.platform.core.ApiException;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies strictly: JSON content type (else 415), within the size cap (else 413),
 * no unknown fields and the right types (else 400 naming the field).
 */
public final class RequestBodies {

    private final ObjectMapper mapper;

    public RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Class<T> type) {
        requireJson(ctx);
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.invalid(null, "The request needs a JSON body.");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.invalid(null, "The request body must be a JSON object.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(path(e), "Unknown field '" + e.getPropertyName() + "'.");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.invalid(
                    field,
                    field == null
                            ? "The body does not match this endpoint."
                            : "Wrong type or value for '" + field + "'.");
        } catch (JacksonException e) {
            throw new ApiException(
                    ApiException.Kind.INVALID, "invalid_json", "The request body is not valid JSON.", null);
        } catch (java.io.IOException e) {
            throw new ApiException(
                    ApiException.Kind.INVALID, "invalid_json", "The request body could not be read.", null);
        }
    }

    /** 415 unless the client says it sends JSON. */
    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    ApiException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Send the body as application/json.",
                    null);
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream()
                .map(ref -> ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
