package com.royaltydesk.platform.db;

/**
 * The database opened but is not whole — found by {@link H2FileCheck} after a stop that was not
 * clean (tables H2 no longer knows, a schema history that no longer validates). Damage like a file H2 cannot open: set aside and rebuilt.
 */
public final class DamagedDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DamagedDatabaseException(String message) {
        super(message);
    }

    public DamagedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
