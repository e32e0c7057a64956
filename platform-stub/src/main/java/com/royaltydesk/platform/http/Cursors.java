package com.royaltydesk.platform.http;

import com.royaltydesk.platform.ApiException;
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
}
