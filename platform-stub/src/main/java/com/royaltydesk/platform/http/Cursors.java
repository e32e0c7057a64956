package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors. Inside is a position in a stable order (a sequence number or log
 * index); clients must treat them as opaque so the order can change without breaking them.
 */
public final class Cursors {

    private static final String PREFIX = "c1:";

    private Cursors() {}

    public static String encode(long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The offset a page starts at, from a cursor over an offset-paged list; out of range is a 400. */
    public static int offset(String cursor) {
        long position = decode(cursor);
        if (position >= Integer.MAX_VALUE - 1L) {
            throw ApiException.invalid("cursor", "cursor is not one this platform gave out.");
        }
        return (int) position + 1;
    }

    /** The position after which the next page starts; -1 (before everything) for no cursor. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return -1;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long position = Long.parseLong(text.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one message
        }
        throw ApiException.invalid("cursor", "cursor is not one this platform gave out.");
    }

    /** A position inside one of several lists of a response, named by {@code key} (a currency, say). */
    public record Keyed(String key, int offset) {}

    private static final String KEYED_PREFIX = "k1:";

    public static String encode(String key, int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((KEYED_PREFIX + offset + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The list and offset a keyed cursor names; null for no cursor; anything else this platform did not give out is a 400. */
    public static Keyed decodeKeyed(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':', KEYED_PREFIX.length());
            if (text.startsWith(KEYED_PREFIX) && colon > 0) {
                int offset = Integer.parseInt(text.substring(KEYED_PREFIX.length(), colon));
                if (offset >= 0) {
                    return new Keyed(text.substring(colon + 1), offset);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one message
        }
        throw ApiException.invalid("cursor", "cursor is not one this platform gave out.");
    }
}
