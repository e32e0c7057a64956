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

    Optional<SigningKey> find(String kid);

    /** Keys that may still verify a live receipt: active ones and retired ones not yet past verify_until. */
    List<SigningKey> verifiable(Instant now);
}
