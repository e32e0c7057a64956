package com.royaltydesk.platform.db;

import java.sql.SQLException;

/**
 * A database failure. Unchecked so services stay readable; {@code http.Errors} logs it and answers
 * 500 without the SQL, since it is never the client's fault.
 */
public final class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** SQLSTATE class 23: a unique or check constraint said no. */
    public boolean isConstraintViolation() {
        return getCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("23");
    }
}
