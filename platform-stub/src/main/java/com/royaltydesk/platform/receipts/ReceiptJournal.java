package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.journal.DatabaseJournal;
import com.royaltydesk.platform.journal.MarkedJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where an issued receipt becomes durable on the embedded H2 platform (decision 0017): its record —
 * the whole stored receipt with its log index, and the idempotency key it answered — is appended
 * while the transaction still holds the receipt log's head, so journal order is log order, and the
 * receipt is answered once the record is on disk. Should the commit fail after the append, an
 * {@code aborted} record follows; and since an index is reused only after an abort, a later record
 * for the same index always wins. The receipt log itself stays append-only, and with this journal
 * a crash cannot leave a hole in it.
 */
public final class ReceiptJournal implements DatabaseJournal, AutoCloseable {

    /**
     * A receipt as journaled, with the idempotency key its request came with, where that key is
     * remembered and the request's hash — or nulls (no key, or not the request's first receipt).
     */
    public record Issued(Receipt receipt, String idempotencyScope, String idempotencyKey, String requestSha256) {}

    public static final String FOLDER = "journal/receipts";

    private final MarkedJournal journal;
    private final ObjectMapper json;
    /** The first record of the group being committed, or none ({@code Long.MAX_VALUE}). */
    private volatile long openGroupFrom = Long.MAX_VALUE;

    private ReceiptJournal(MarkedJournal journal, ObjectMapper json) {
        this.journal = journal;
        this.json = json;
    }

    public static ReceiptJournal open(Path dataDir, ObjectMapper json) {
        return new ReceiptJournal(MarkedJournal.open(dataDir.resolve(FOLDER)), json);
    }

    /** Appends the receipt (not yet durable); returns the record's position. */
    public long append(Issued issued) {
        return journal.append(encode(issued));
    }

    /** Marks the record at {@code seq} as not committed: replay skips it. */
    public void abort(long seq) {
        ObjectNode record = json.createObjectNode();
        record.put("aborted", seq);
        try {
            journal.appendDurably(json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Before a group's records are appended: they are not surely committed until {@link #groupClosed}. */
    void groupOpening() {
        openGroupFrom = journal.lastSeq() + 1;
    }

    /** The group committed, or its records were aborted. */
    void groupClosed() {
        openGroupFrom = Long.MAX_VALUE;
    }

    /**
     * The first record a database snapshot started now may lack: receipts are journaled before
     * their transaction commits, under the log's head, so only the group being committed can be
     * open — and always the last record, as before groups. The last record is read before the open
     * group: a group appended in between is either still open, or committed before the snapshot.
     */
    @Override
    public long firstNotSurelyCommitted() {
        long last = journal.lastSeq();
        return Math.max(1, Math.min(last, openGroupFrom));
    }

    public void awaitDurable(long seq) {
        journal.awaitDurable(seq);
    }

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public MarkedJournal marked() {
        return journal;
    }

    /** The receipts journaled after the mark, one per log index (the last record for it), in index order. */
    public void replayUnapplied(Consumer<Issued> apply) {
        Map<Long, Issued> byIndex = new TreeMap<>();
        Map<Long, Long> indexOfSeq = new LinkedHashMap<>();
        journal.replayUnapplied(entry -> {
            JsonNode record = read(entry.payload());
            if (record.has("aborted")) {
                Long index = indexOfSeq.get(record.path("aborted").asLong());
                if (index != null) {
                    byIndex.remove(index);
                }
                return;
            }
            Issued issued = decode(record);
            byIndex.put(issued.receipt().logIndex(), issued);
            indexOfSeq.put(entry.seq(), issued.receipt().logIndex());
        });
        byIndex.values().forEach(apply);
    }

    @Override
    public void close() {
        journal.close();
    }

    private byte[] encode(Issued issued) {
        Receipt r = issued.receipt();
        ObjectNode record = json.createObjectNode();
        record.put("receipt_id", r.receiptId());
        record.put("log_index", r.logIndex());
        record.put("leaf_hash", r.leafHash());
        record.put("creator_id", r.creatorId());
        record.put("dataset_id", r.datasetId());
        record.put("model_id", r.modelId());
        record.put("artifact_hash", r.artifactHash());
        record.put(
                "portion_used", r.portionUsed() == null ? null : r.portionUsed().toPlainString());
        record.put("license", r.license());
        record.put("kid", r.kid());
        record.put("alg", r.alg());
        record.put("receipt_jwt", r.receiptJwt());
        record.put("sandbox", r.sandbox());
        record.put("issued_at", r.issuedAt().toString());
        record.put("expires_at", r.expiresAt().toString());
        record.put("idempotency_scope", issued.idempotencyScope());
        record.put("idempotency_key", issued.idempotencyKey());
        record.put("request_sha256", issued.requestSha256());
        try {
            return json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("a receipt journal record does not read back as JSON", e);
        }
    }

    private static Issued decode(JsonNode r) {
        Receipt receipt = new Receipt(
                r.path("receipt_id").asText(),
                r.path("log_index").asLong(),
                r.path("leaf_hash").asText(),
                r.path("creator_id").asText(),
                r.path("dataset_id").asText(),
                r.path("model_id").asText(),
                r.path("artifact_hash").asText(null),
                r.hasNonNull("portion_used")
                        ? new BigDecimal(r.path("portion_used").asText())
                        : null,
                r.path("license").asText(null),
                r.path("kid").asText(),
                r.path("alg").asText(),
                r.path("receipt_jwt").asText(),
                r.path("sandbox").asBoolean(),
                Instant.parse(r.path("issued_at").asText()),
                Instant.parse(r.path("expires_at").asText()));
        String key = r.path("idempotency_key").asText(null);
        return new Issued(
                receipt,
                // Records from before batches name no scope: their key was a single receipt's.
                key == null ? null : r.path("idempotency_scope").asText(ReceiptService.SINGLE_SCOPE),
                key,
                r.path("request_sha256").asText(null));
    }
}
