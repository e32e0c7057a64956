package com.royaltydesk.platform.hosts;

import com.royaltydesk.platform.Ids;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.IssuedKey;
import com.royaltydesk.platform.keys.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Model hosts: the parties that report usage. A host and its first key are made together; usage
 * events are deduplicated per host, so a host keeps its id when its keys rotate.
 */
public final class HostService {

    /** A registered host and its key, shown once. */
    public record Registered(String hostId, IssuedKey key) {}

    private final Jdbc jdbc;
    private final ApiKeyService keys;
    private final Clock clock;

    public HostService(Jdbc jdbc, ApiKeyService keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    public Registered register(String displayName) {
        return jdbc.inTransaction(connection -> register(connection, Ids.newId("host"), displayName));
    }

    /** Registers with a chosen id inside the caller's transaction (the sandbox's {@code host_sandbox}). */
    public Registered register(Connection connection, String hostId, String displayName) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO hosts (host_id, display_name, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, hostId);
            insert.setString(2, displayName);
            insert.setTimestamp(3, Jdbc.timestamp(clock.instant()));
            insert.executeUpdate();
        }
        return new Registered(hostId, keys.issue(connection, Role.HOST, hostId));
    }
}
