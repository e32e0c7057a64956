package com.royaltydesk.platform.journal;

import java.nio.file.Path;

/**
 * A record before the journal's tail does not read back as written: acknowledged data is damaged.
 * The journal refuses to open rather than skip it or cut everything after it off.
 */
public final class JournalDamagedException extends RuntimeException {

    private final Path segment;
    private final long offset;

    JournalDamagedException(Path segment, long offset, String what) {
        super("The journal is damaged: " + what + " in " + segment + " at byte " + offset
                + ", and whole records follow it, so it is not a write cut short by a crash."
                + " Nothing was changed; restore the folder from a backup.");
        this.segment = segment;
        this.offset = offset;
    }

    public Path segment() {
        return segment;
    }

    public long offset() {
        return offset;
    }
}
