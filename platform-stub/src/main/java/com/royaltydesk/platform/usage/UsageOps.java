package com.royaltydesk.platform.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.journal.RowChanges;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voids and releases as the change journal carries them (decision 0017). Usage rows belong to the
 * usage journal, whose replay gives events new row numbers, so these two changes to them travel as
 * operations named by the events' own ids, and are applied again after the usage journal at start:
 * each only once (a void by its id; a release finds no held event the second time).
 */
public final class UsageOps {

    private static final Logger LOG = LoggerFactory.getLogger(UsageOps.class);

    private final UsageStore store;

    public UsageOps(UsageStore store) {
        this.store = store;
    }

    static void journalVoid(
            String voidId,
            String hostId,
            String eventId,
            String reason,
            String bookedPeriod,
            BigDecimal amount,
            Instant at) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("op", "void");
        op.put("void_id", voidId);
        op.put("host_id", hostId);
        op.put("event_id", eventId);
        op.put("reason", reason);
        op.put("booked_period", bookedPeriod);
        op.put("amount", amount.toPlainString());
        op.put("created_at", at.toString());
        RowChanges.usageOp(op);
    }

    static void journalRelease(String batchId) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("op", "release");
        op.put("batch_id", batchId);
        RowChanges.usageOp(op);
    }

    /** Applies one journaled operation; returns whether it changed anything. */
    public boolean apply(Connection connection, JsonNode op) throws SQLException {
        return switch (op.path("op").asText()) {
            case "void" -> applyVoid(connection, op);
            case "release" -> applyRelease(connection, op.path("batch_id").asText());
            default ->
                throw new IllegalStateException("a usage operation of unknown kind in the change journal: " + op);
        };
    }

    private boolean applyVoid(Connection connection, JsonNode op) throws SQLException {
        String voidId = op.path("void_id").asText();
        if (store.voidExists(connection, voidId)) {
            return false;
        }
        UsageStore.EventToVoid event = store.lockEvent(
                connection, op.path("host_id").asText(), op.path("event_id").asText());
        if (event == null || !"accepted".equals(event.status())) {
            // Cannot be, with both journals whole: said, and the start goes on.
            LOG.warn(
                    "a journaled void names event {} of host {}, which is not an accepted event here",
                    op.path("event_id").asText(),
                    op.path("host_id").asText());
            return false;
        }
        store.insertVoid(
                connection,
                voidId,
                event.seq(),
                op.path("reason").asText(),
                op.path("booked_period").asText(),
                new BigDecimal(op.path("amount").asText()),
                Instant.parse(op.path("created_at").asText()));
        return true;
    }

    private boolean applyRelease(Connection connection, String batchId) throws SQLException {
        List<PricedEvent> released = store.held(connection, batchId);
        store.addToRollups(connection, released);
        return !released.isEmpty();
    }
}
