package com.royaltydesk.verify.trust;

import java.time.Instant;

/** When a key may be trusted: from {@code start} (inclusive) until {@code end} (exclusive; null = still open). */
public record Window(Instant start, Instant end) {

    public static final Window OPEN = new Window(Instant.EPOCH, null);

    public Window {
        if (start == null) {
            throw new IllegalArgumentException("a validity window has a start");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("a validity window cannot end before it starts");
        }
    }

    public boolean contains(Instant moment) {
        return !moment.isBefore(start) && (end == null || moment.isBefore(end));
    }

    @Override
    public String toString() {
        return start + " – " + (end == null ? "open" : end.toString());
    }
}
