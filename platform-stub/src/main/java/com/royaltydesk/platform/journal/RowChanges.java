package com.royaltydesk.platform.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows one transaction changed, gathered on its own thread by {@link RowChangeTrigger} while
 * {@link com.royaltydesk.platform.db.Jdbc} runs it (decision 0017): embedded H2 fires a trigger on
 * the thread that runs the statement, so a thread-local is the transaction's. A transaction whose
 * writes another journal carries (usage batches, receipts) and the replays at start run
 * {@link #unjournaled}; a write with neither is a write no journal would carry: the test suite
 * refuses it ({@value #STRICT}), a running platform logs it once per table.
 */
public final class RowChanges {

    /** A row as a transaction left it: its after-image, or for a delete the row that went. */
    public record RowImage(String table, boolean deleted, List<String> columns, Object[] values) {}

    /** System property that makes a write outside any journaled transaction fail (set by the tests). */
    public static final String STRICT = "rdk.journal.strict";

    private static final Logger LOG = LoggerFactory.getLogger(RowChanges.class);
    private static final RowChanges UNJOURNALED = new RowChanges();
    private static final ThreadLocal<RowChanges> CURRENT = new ThreadLocal<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final List<RowImage> rows = new ArrayList<>();
    private final List<ObjectNode> usageOps = new ArrayList<>();

    private RowChanges() {}

    /** Where this thread's writes go until the scope closes; scopes nest (the outer one comes back). */
    public static final class Scope implements AutoCloseable {
        private final RowChanges previous;
        private final RowChanges changes;

        private Scope(RowChanges changes) {
            this.previous = CURRENT.get();
            this.changes = changes;
            CURRENT.set(changes);
        }

        /** What the transaction changed so far. */
        public RowChanges changes() {
            return changes;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Gathers this thread's row changes for the change journal. */
    public static Scope capture() {
        return new Scope(new RowChanges());
    }

    /** This thread's writes are carried by another journal, or are a replay of one: nothing gathered. */
    public static Scope unjournaled() {
        return new Scope(UNJOURNALED);
    }

    /**
     * A change to usage rows, which the usage journal owns and the change journal therefore carries
     * as an operation to apply again (a void, a release), not as row images.
     */
    public static void usageOp(ObjectNode op) {
        RowChanges current = CURRENT.get();
        if (current != null && current != UNJOURNALED) {
            current.usageOps.add(op);
        }
    }

    /** Called by the trigger for every changed row of a journaled table. */
    static void record(RowImage image) throws SQLException {
        RowChanges current = CURRENT.get();
        if (current == UNJOURNALED) {
            return;
        }
        if (current == null) {
            if (Boolean.getBoolean(STRICT)) {
                throw new SQLException("a write to " + image.table()
                        + " outside any journaled transaction: no journal would carry it (decision 0017)");
            }
            if (WARNED.add(image.table())) {
                LOG.warn(
                        "a write to {} outside any journaled transaction: a rebuild would not bring it back",
                        image.table());
            }
            return;
        }
        current.rows.add(image);
    }

    public List<RowImage> rows() {
        return rows;
    }

    public List<ObjectNode> usageOps() {
        return usageOps;
    }

    public boolean isEmpty() {
        return rows.isEmpty() && usageOps.isEmpty();
    }
}
