package com.royaltydesk.platform.hosts;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.IssuedKey;
import com.royaltydesk.platform.keys.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model hosts: the parties that report usage, each for the models it serves (SPEC §1). A host and
 * its first key are made together; usage events are deduplicated per host, so a host keeps its id
 * when its keys rotate. {@value #EVERY_MODEL} serves every model: only the sandbox's own host has it.
 */
public final class HostService {

    /** A registered host and its key, shown once. */
    public record Registered(String hostId, IssuedKey key, List<String> models) {}

    public static final String EVERY_MODEL = "*";
    /** The most models one host may list. */
    public static final int MAX_MODELS = 1_000;

    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    private final Jdbc jdbc;
    private final HostStore store = new HostStore();
    private final ApiKeyService keys;
    private final Clock clock;

    public HostService(Jdbc jdbc, ApiKeyService keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    public Registered register(String displayName, List<String> models) {
        List<String> valid = validModels(models);
        return jdbc.inTransaction(connection -> {
            Registered host = register(connection, Ids.newId("host"), displayName);
            store.replaceModels(connection, host.hostId(), valid);
            return new Registered(host.hostId(), host.key(), valid);
        });
    }

    /** Registers with a chosen id inside the caller's transaction (the sandbox's {@code host_sandbox}). */
    public Registered register(Connection connection, String hostId, String displayName) throws SQLException {
        store.insert(connection, hostId, displayName, clock.instant());
        return new Registered(hostId, keys.issue(connection, Role.HOST, hostId), List.of());
    }

    /** The sandbox's host plays every model host in demos: it serves every model the sandbox records. */
    public void serveEveryModel(Connection connection, String hostId) throws SQLException {
        store.replaceModels(connection, hostId, List.of(EVERY_MODEL));
    }

    /** Replaces the models {@code hostId} serves. */
    public List<String> changeModels(String hostId, List<String> models) {
        List<String> valid = validModels(models);
        jdbc.inTransaction(connection -> {
            if (!store.lock(connection, hostId)) {
                throw ApiException.notFound("No host " + hostId + ".");
            }
            store.replaceModels(connection, hostId, valid);
            return null;
        });
        return valid;
    }

    /** What {@code hostId} serves, read once per batch: a set of model ids, or {@value #EVERY_MODEL}. */
    public Set<String> models(String hostId) {
        return jdbc.read(connection -> store.models(connection, hostId, MAX_MODELS + 1));
    }

    /** 1 to {@value #MAX_MODELS} distinct model ids, each a valid model id; never the wildcard. */
    static List<String> validModels(List<String> models) {
        if (models == null || models.isEmpty() || models.size() > MAX_MODELS) {
            throw ApiException.invalid("models", "models must list 1 to " + MAX_MODELS + " model ids the host serves.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            if (model == null || !MODEL_ID.matcher(model).matches() || !seen.add(model)) {
                throw ApiException.invalid(
                        "models[" + i + "]",
                        "Each model id is 1-128 characters of letters, digits and . _ : / - (starting with a letter"
                                + " or digit), listed once.");
            }
        }
        return List.copyOf(models);
    }
}
