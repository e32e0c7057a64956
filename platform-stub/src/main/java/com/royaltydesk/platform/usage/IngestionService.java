package com.royaltydesk.platform.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.receipts.ReceiptService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a host's batch of usage events: checks each, drops repeats, stores the rest and adds the
 * accepted ones to the rollups — all in one transaction, committed before the answer and durable
 * before it (PostgreSQL at commit; H2 through the usage journal), so an acknowledged event survives
 * a crash and a resent one counts once.
 */
public final class IngestionService {

    static final String FRAUD_HOLD = "fraud_hold";
    private static final int MAX_ATTEMPTS = 4;

    private final Jdbc jdbc;
    private final UsageStore store;
    private final ReceiptService receipts;
    private final AssetService assets;
    private final HostService hosts;
    private final UsageLimits limits;
    private final PeriodGate gate;
    private final Clock clock;
    /** Null where the database is durable at commit (PostgreSQL): there the commit is the acknowledgement. */
    private final UsageJournal journal;

    private final PlatformMetrics metrics;
    private final BatchesInFlight inFlight = new BatchesInFlight();

    public IngestionService(
            Jdbc jdbc,
            UsageStore store,
            ReceiptService receipts,
            AssetService assets,
            HostService hosts,
            UsageLimits limits,
            PeriodGate gate,
            Clock clock,
            UsageJournal journal,
            PlatformMetrics metrics) {
        this.metrics = metrics;
        this.journal = journal;
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.store = store;
        this.receipts = receipts;
        this.assets = assets;
        this.limits = limits;
        this.gate = gate;
        this.clock = clock;
    }

    public UsageLimits limits() {
        return limits;
    }

    public IngestResult ingest(String hostId, JsonNode events) {
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw ApiException.invalid("events", "events must be a non-empty array.");
        }
        if (events.size() > limits.maxBatch()) {
            throw ApiException.invalid("events", "A batch holds at most " + limits.maxBatch() + " events.");
        }
        long started = System.nanoTime();
        IngestResult result = gate.whileIngesting(() -> {
            try {
                return ingestOpen(hostId, events);
            } catch (PeriodClosedMeanwhile e) {
                // Another instance settled a period while this batch was checked: check again, and
                // the events of that period are rejected as period_closed. Periods never reopen.
                return ingestOpen(hostId, events);
            }
        });
        metrics.usageBatch(
                result.accepted(),
                result.duplicates(),
                result.held(),
                result.rejected().size(),
                java.time.Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    /**
     * Checks a batch exactly as {@link #ingest} does but stores nothing: for hosts testing their
     * integration, and the baseline the ingestion benchmark compares against.
     */
    public IngestResult dryRun(String hostId, JsonNode events) {
        if (events == null || !events.isArray() || events.isEmpty() || events.size() > limits.maxBatch()) {
            throw ApiException.invalid("events", "events must be an array of 1 to " + limits.maxBatch() + " events.");
        }
        EventValidator validator = new EventValidator(
                receipts, assets, limits, clock.instant(), store.closedPeriods(), hosts.models(hostId));
        List<Rejection> rejected = new ArrayList<>();
        Set<String> valid = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i < events.size(); i++) {
            try {
                if (!valid.add(validator.validate(i, events.get(i)).eventId())) {
                    repeats++;
                }
            } catch (EventValidator.Rejected e) {
                rejected.add(e.rejection());
            }
        }
        return new IngestResult(valid.size(), repeats, 0, List.copyOf(rejected), null);
    }

    /** Runs under the gate, so the closed periods read here stay closed-or-open until the commit. */
    private IngestResult ingestOpen(String hostId, JsonNode events) {
        Instant now = clock.instant();
        EventValidator validator =
                new EventValidator(receipts, assets, limits, now, store.closedPeriods(), hosts.models(hostId));
        List<Rejection> rejected = new ArrayList<>();
        Map<String, PricedEvent> valid = new LinkedHashMap<>(events.size() * 2);
        int inBatchRepeats = 0;
        for (int i = 0; i < events.size(); i++) {
            try {
                PricedEvent event = validator.validate(i, events.get(i));
                if (valid.putIfAbsent(event.eventId(), event) != null) {
                    inBatchRepeats++;
                }
            } catch (EventValidator.Rejected e) {
                rejected.add(e.rejection());
            }
        }
        String batchId = Ids.newId("ubatch");
        Stored stored = storeWithRetry(hostId, batchId, new ArrayList<>(valid.values()), now);
        return new IngestResult(
                stored.accepted, stored.duplicates + inBatchRepeats, stored.held, List.copyOf(rejected), batchId);
    }

    /** A period this batch writes into was closed after the batch was checked. */
    private static final class PeriodClosedMeanwhile extends RuntimeException {
        PeriodClosedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private record Stored(int accepted, int duplicates, int held, List<PricedEvent> inserted) {}

    /**
     * A concurrent batch with the same ids makes the insert fail on the dedup key: retry, and they
     * count as duplicates; so does a lock conflict with a concurrent batch. With a journal the batch
     * is acknowledged once its record is on disk ({@link #storeJournaled}).
     */
    private Stored storeWithRetry(String hostId, String batchId, List<PricedEvent> events, Instant now) {
        Set<String> burst = burstReceipts(events);
        for (int attempt = 1; ; attempt++) {
            try {
                if (journal == null) {
                    return store.inserting(() ->
                            jdbc.inTransaction(connection -> store(connection, hostId, batchId, events, burst, now)));
                }
                return storeJournaled(hostId, batchId, events, burst, now);
            } catch (DataAccessException e) {
                // A lock held too long by a concurrent batch (rollup rows they share) rolled this one
                // back whole: run it again, as for a duplicate id inserted meanwhile.
                if (!(e.isConstraintViolation() || e.isLockConflict()) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * On the embedded H2 file the journal is where a batch becomes durable (decision 0023): it is
     * committed to H2 without waiting for H2 to write it out, its record is appended, and it is
     * acknowledged once the journal is on disk up to its record — and up to the records of every
     * batch whose events it may have found stored (see {@link BatchesInFlight}). H2 writes in the
     * background; after a crash the journal puts back what H2 lost, counted once.
     */
    private Stored storeJournaled(
            String hostId, String batchId, List<PricedEvent> events, Set<String> burst, Instant now) {
        return inFlight.commitAndJournal(
                () -> store.inserting(() -> jdbc.inTransactionWithoutWaiting(
                        connection -> store(connection, hostId, batchId, events, burst, now))),
                stored -> {
                    if (!stored.inserted().isEmpty()) {
                        appendOrMakeH2Durable(new UsageJournal.Batch(hostId, batchId, now, stored.inserted(), burst));
                    }
                },
                journal::awaitDurable);
    }

    /**
     * A batch committed but not journaled would leave its events to H2 alone, while later batches
     * call them duplicates: if the journal cannot take the record, H2's file is made to hold them
     * before the failure is answered.
     */
    private void appendOrMakeH2Durable(UsageJournal.Batch batch) {
        try {
            journal.append(batch);
        } catch (RuntimeException e) {
            jdbc.makeDurable();
            throw e;
        }
    }

    private Stored store(
            Connection connection,
            String hostId,
            String batchId,
            List<PricedEvent> events,
            Set<String> burst,
            Instant now)
            throws SQLException {
        gate.holdOpen(connection);
        Set<String> closed = store.closedPeriods(connection);
        if (events.stream().anyMatch(e -> closed.contains(e.period()))) {
            throw new PeriodClosedMeanwhile();
        }
        boolean[] inserted = store.insertIfAbsent(
                connection, hostId, batchId, events, e -> burst.contains(e.receiptId()), FRAUD_HOLD, now);
        List<PricedEvent> accepted = new ArrayList<>();
        List<PricedEvent> stored = new ArrayList<>();
        int held = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (!inserted[i]) {
                continue;
            }
            stored.add(events.get(i));
            if (burst.contains(events.get(i).receiptId())) {
                held++;
            } else {
                accepted.add(events.get(i));
            }
        }
        store.addToRollups(connection, accepted);
        return new Stored(accepted.size(), events.size() - accepted.size() - held, held, stored);
    }

    /** At a clean stop, after the last request: what dedup keeps across starts is written whole (decision 0029). */
    public void stop() {
        store.close();
    }

    /**
     * Applies every journaled batch H2 may have lost in a crash, before the platform serves: an
     * event already stored is left alone, a lost one is stored and counted once. The caller then
     * records the journals' marks. Returns how many events were restored.
     */
    public int recoverFromJournal() {
        // Before the replay and the first batch: on H2, the table of seen events is opened or built.
        store.prepareDedup();
        if (journal == null) {
            return 0;
        }
        int[] restored = {0};
        journal.replayUnapplied(batch ->
                restored[0] += store.inserting(() -> jdbc.inTransactionWithoutWaiting(connection -> {
                    // Every event, even of a period settled since: that settlement counted it (the change
                    // journal puts the settlement back first, after a rebuild), and one H2 holds is skipped.
                    List<PricedEvent> open = batch.events();
                    boolean[] inserted = store.insertIfAbsent(
                            connection,
                            batch.hostId(),
                            batch.batchId(),
                            open,
                            e -> batch.held().contains(e.receiptId()),
                            FRAUD_HOLD,
                            batch.receivedAt());
                    List<PricedEvent> accepted = new ArrayList<>();
                    int count = 0;
                    for (int i = 0; i < inserted.length; i++) {
                        if (inserted[i]) {
                            count++;
                            if (!batch.held().contains(open.get(i).receiptId())) {
                                accepted.add(open.get(i));
                            }
                        }
                    }
                    store.addToRollups(connection, accepted);
                    return count;
                })));
        return restored[0];
    }

    /**
     * Applies again the voids and releases the change journal carried, after this journal's batches
     * (they name its events); each one only once. Returns how many changed something.
     */
    public int applyJournaledOps(List<JsonNode> ops) {
        UsageOps usageOps = new UsageOps(store);
        int applied = 0;
        for (JsonNode op : ops) {
            if (jdbc.inTransactionWithoutWaiting(connection -> usageOps.apply(connection, op))) {
                applied++;
            }
        }
        return applied;
    }

    /** Receipts that get more tokens in this one batch (as sent) than a receipt plausibly earns: held for review. */
    private Set<String> burstReceipts(List<PricedEvent> events) {
        Map<String, Long> tokens = new HashMap<>();
        events.forEach(e -> tokens.merge(e.receiptId(), e.tokens(), Long::sum));
        Set<String> burst = new HashSet<>();
        tokens.forEach((receipt, total) -> {
            if (total > limits.burstTokensPerReceipt()) {
                burst.add(receipt);
            }
        });
        return burst;
    }

    /** Releases a batch's held events: they become accepted and count from now on. Returns how many. */
    public int release(String batchId) {
        // Durable through H2's checkpoint and, on H2, the change journal (jdbc.inTransaction).
        return gate.whileIngesting(() -> jdbc.inTransaction(connection -> {
            gate.holdOpen(connection);
            List<PricedEvent> released = store.held(connection, batchId);
            Set<String> closed = store.closedPeriods(connection);
            for (PricedEvent event : released) {
                if (closed.contains(event.period())) {
                    throw ApiException.conflict(
                            "period_closed",
                            "Period " + event.period() + " is settled; these events can no longer count.");
                }
            }
            store.addToRollups(connection, released);
            UsageOps.journalRelease(batchId);
            return released.size();
        }));
    }
}
