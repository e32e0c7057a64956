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
    /**
     * Whether another transaction held a lock too long or the two deadlocked (H2 50200 / 40001,
     * PostgreSQL 40P01 / 55P03): nothing was written, and the same work can simply run again.
     */
    public boolean isLockConflict() {
        if (!(getCause() instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return sql.getErrorCode() == 50200
                || state.equals("40001")
                || state.equals("40P01")
                || state.equals("55P03")
                || state.equals("HYT00");
    }

    public boolean isConstraintViolation() {
        return getCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("23");
    }
}
