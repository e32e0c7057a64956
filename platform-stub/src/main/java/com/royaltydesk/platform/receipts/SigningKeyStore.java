package com.royaltydesk.platform.receipts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of signing keys and of which one is active per purpose. */
public interface SigningKeyStore {

    /** The active key's id for {@code purpose}, locking the slot until the transaction ends. */
    Optional<String> lockActiveKid(Connection connection, KeyPurpose purpose) throws SQLException;

    Optional<String> activeKid(KeyPurpose purpose);

    void insert(Connection connection, SigningKey key) throws SQLException;

    void setActive(Connection connection, KeyPurpose purpose, String kid) throws SQLException;

    void retire(Connection connection, String kid, Instant retiredAt, Instant verifyUntil) throws SQLException;

    /** Closes {@code kid}'s trust window at {@code end}, unless it already closed earlier. */
    void closeWindow(Connection connection, String kid, Instant end) throws SQLException;

    /** Gives keys made before environments were recorded the platform's current one; returns how many. */
    int adoptEnvironment(String environment);

    /** Whether any key was made by or for a sandbox (environment or purpose sandbox). */
    boolean hasSandboxKeys();

    /** Every key ever made, oldest first: the trust root lists them all. */
    List<SigningKey> all();

    Optional<SigningKey> find(String kid);

    /** Keys that may still verify a live receipt: active ones and retired ones not yet past verify_until. */
    List<SigningKey> verifiable(Instant now);
}
