package com.royaltydesk.platform.db;

/**
 * The user and password for a database that asks for them (PostgreSQL). Kept out of the JDBC URL so
 * they never show in logs, process lists or shell history; {@link #toString} hides the password.
 */
public record DatabaseLogin(String user, String password) {

    /** No login: the H2 default, or credentials already carried by the driver's own configuration. */
    public static final DatabaseLogin NONE = new DatabaseLogin(null, null);

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
