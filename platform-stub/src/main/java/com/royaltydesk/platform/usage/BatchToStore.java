package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.EventFingerprint;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One batch's events as the engine-specific stores insert them ({@link H2UsageStore}, {@link
 * PostgresUsageStore}): whose they are, which batch, which are held and why, when they arrived. The
 * batch's own facts go in its {@code usage_batches} row ({@link UsageBatchStore}), once.
 */
record BatchToStore(
        String hostId,
        String batchId,
        List<PricedEvent> events,
        Predicate<PricedEvent> held,
        String holdReason,
        Instant receivedAt) {

    /**
     * Binds {@code event}'s row to a one-row insert of {@link UsageStore#EVENT_COLUMNS}; {@code
     * batchSeq} numbers this batch's {@code usage_batches} row.
     */
    void bind(PreparedStatement insert, long batchSeq, PricedEvent event, EventFingerprint fingerprint)
            throws SQLException {
        UsageStore.bindEvent(insert, batchSeq, event, holdReason(event), fingerprint);
    }

    /** Why {@code event} is held, or null when it is accepted. */
    String holdReason(PricedEvent event) {
        return held.test(event) ? holdReason : null;
    }

    /** The same batch with only {@code some} of its events. */
    BatchToStore with(List<PricedEvent> some) {
        return new BatchToStore(hostId, batchId, some, held, holdReason, receivedAt);
    }
}
