package com.royaltydesk.platform.http;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A page read with one row more than asked for: the rows to show, and the cursor to the next page —
 * null only when that extra row was not there, so a list is never cut off without saying so. The one
 * place the "limit + 1" rule lives.
 *
 * @param shown at most {@code limit} rows
 * @param next the cursor to the rest, or null at the end
 */
record Paged<T>(List<T> shown, String next) {

    /** How many rows to read for a page of {@code limit}. */
    static int rowsToRead(int limit) {
        return limit + 1;
    }

    /** A page of an offset-paged list that started at {@code offset}. */
    static <T> Paged<T> byOffset(List<T> read, int limit, int offset) {
        return new Paged<>(
                read.subList(0, Math.min(limit, read.size())),
                read.size() > limit ? Cursors.encode(offset + limit - 1L) : null);
    }

    /** A page of a list in key order: the next page starts after the last row shown. */
    static <T> Paged<T> byKey(List<T> read, int limit, ToLongFunction<T> key) {
        return new Paged<>(
                read.subList(0, Math.min(limit, read.size())),
                read.size() > limit ? Cursors.encode(key.applyAsLong(read.get(limit - 1))) : null);
    }
}
