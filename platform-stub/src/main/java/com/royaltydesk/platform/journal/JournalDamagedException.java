package com.royaltydesk.platform.journal;

import java.nio.file.Path;

/**
 * A record before the journal's tail does not read back as written: acknowledged data is damaged.
 * The journal refuses to open rather than skip it or cut everything after it off.
 */
public final class JournalDamagedException extends RuntimeException {

    JournalDamagedException(Path segment, long offset, String what) {
        super("The journal is damaged: " + what + " in " + segment + " at byte " + offset
                + "; this is not a write cut short by a crash."
                + " Nothing was changed; restore the folder from a backup.");
    }
}
