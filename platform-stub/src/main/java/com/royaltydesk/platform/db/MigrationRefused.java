package com.royaltydesk.platform.db;

/**
 * A migration found the database unfit for it and changed nothing. Flyway records any failed
 * migration on H2 (it runs H2's DDL outside a transaction), and a recorded failure would stop every
 * later start — of this version and of the one before it; {@link Database} removes that record for
 * this failure alone, because here nothing was changed, so the version before runs on as it did.
 */
final class MigrationRefused extends IllegalStateException {

    MigrationRefused(String message) {
        super(message);
    }
}
