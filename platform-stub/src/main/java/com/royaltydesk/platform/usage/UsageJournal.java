package com.royaltydesk.platform.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.journal.DatabaseJournal;
import com.royaltydesk.platform.journal.MarkedJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where an ingested batch becomes durable on the embedded H2 platform (decisions 0017, 0023): its
 * events are committed to H2 without waiting for H2 to write them out, then one record — host,
 * batch, the priced events, which receipts were held — goes into the {@link Journal}, and the batch
 * is acknowledged once that record is on disk. H2 writes in the background; how far it holds the
 * journal is recorded in H2 itself ({@link com.royaltydesk.platform.journal.JournalMarks}) and read
 * back by the next start into {@value #APPLIED}, so older segments can go.
 *
 * <p>After a crash, every record past that mark is applied again before the platform serves:
 * inserting an event that is already there does nothing, so a record H2 already holds changes
 * nothing and one it lost is restored, counted once.
 */
public final class UsageJournal implements DatabaseJournal, AutoCloseable {

    /** One batch as journaled. */
    public record Batch(
            String hostId, String batchId, Instant receivedAt, List<PricedEvent> events, Set<String> held) {}

    public static final String FOLDER = "journal/usage";
    static final String APPLIED = MarkedJournal.APPLIED;

    private final MarkedJournal journal;
    private final ObjectMapper json;

    private UsageJournal(MarkedJournal journal, ObjectMapper json) {
        this.journal = journal;
        this.json = json;
    }

    public static UsageJournal open(Path dataDir, ObjectMapper json) {
        return new UsageJournal(MarkedJournal.open(dataDir.resolve(FOLDER)), json);
    }

    /** Journals the batch; its record is on disk once {@link #awaitDurable} has returned after this. */
    public void append(Batch batch) {
        journal.append(encode(batch));
    }

    /** Returns once every record written so far is on disk (a batch of duplicates rests on earlier ones). */
    public void awaitDurable() {
        journal.awaitDurable(journal.lastSeq());
    }

    /** The first record a database snapshot started now may lack: a batch is journaled after its commit. */
    @Override
    public long firstNotSurelyCommitted() {
        return journal.lastSeq() + 1;
    }

    /** Every batch journaled after the last mark, in order. */
    public void replayUnapplied(Consumer<Batch> apply) {
        journal.replayUnapplied(entry -> apply.accept(decode(entry.payload())));
    }

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public MarkedJournal marked() {
        return journal;
    }

    @Override
    public void close() {
        journal.close();
    }

    /**
     * The record: the batch's host, id, arrival and held receipts; under {@code receipts} each
     * receipt's model, asset and creator once (the same for every event that names it — ingestion
     * checks it); then each event's own facts. Records of versions before decision 0028 carry the
     * three on every event, and still read back.
     */
    private byte[] encode(Batch batch) {
        ObjectNode record = json.createObjectNode();
        record.put("host_id", batch.hostId());
        record.put("batch_id", batch.batchId());
        record.put("received_at", batch.receivedAt().toString());
        ArrayNode held = record.putArray("held_receipts");
        batch.held().forEach(held::add);
        ObjectNode receipts = record.putObject("receipts");
        Map<String, PricedEvent> firstOfReceipt = new HashMap<>();
        ArrayNode events = record.putArray("events");
        for (PricedEvent e : batch.events()) {
            ObjectNode event = events.addObject();
            event.put("event_id", e.eventId());
            event.put("receipt_id", e.receiptId());
            PricedEvent first = firstOfReceipt.putIfAbsent(e.receiptId(), e);
            if (first == null) {
                putAttribution(receipts.putObject(e.receiptId()), e);
            } else if (!sameAttribution(first, e)) {
                putAttribution(event, e); // never by ingestion's rules; kept exact all the same
            }
            event.put("event_time", e.eventTime().toString());
            event.put("tokens", e.tokens());
            if (e.revenue() != null) {
                event.put("revenue", e.revenue().toPlainString());
            }
            event.put("amount", e.amount().toPlainString());
            if (e.units() != null) {
                event.put("units", e.units().toPlainString());
            }
            event.put("currency", e.currency());
        }
        try {
            return json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putAttribution(ObjectNode node, PricedEvent e) {
        node.put("model_id", e.modelId());
        node.put("asset_id", e.assetId());
        node.put("creator_id", e.creatorId());
    }

    private static boolean sameAttribution(PricedEvent a, PricedEvent b) {
        return a.modelId().equals(b.modelId())
                && a.assetId().equals(b.assetId())
                && a.creatorId().equals(b.creatorId());
    }

    private Batch decode(byte[] payload) {
        try {
            JsonNode record = json.readTree(new String(payload, StandardCharsets.UTF_8));
            Set<String> held = new HashSet<>();
            record.path("held_receipts").forEach(r -> held.add(r.asText()));
            List<PricedEvent> events = new ArrayList<>();
            int index = 0;
            for (JsonNode e : record.path("events")) {
                String receiptId = e.path("receipt_id").asText();
                JsonNode attribution =
                        e.has("model_id") ? e : record.path("receipts").path(receiptId);
                if (!attribution.has("model_id")) {
                    throw new IllegalStateException("a usage journal record names receipt " + receiptId
                            + " but not its model, asset and creator");
                }
                events.add(new PricedEvent(
                        index++,
                        e.path("event_id").asText(),
                        attribution.path("model_id").asText(),
                        receiptId,
                        attribution.path("asset_id").asText(),
                        attribution.path("creator_id").asText(),
                        Instant.parse(e.path("event_time").asText()),
                        e.path("tokens").asLong(),
                        e.hasNonNull("revenue")
                                ? new BigDecimal(e.path("revenue").asText())
                                : null,
                        new BigDecimal(e.path("amount").asText()),
                        e.hasNonNull("units") ? new BigDecimal(e.path("units").asText()) : null,
                        e.path("currency").asText()));
            }
            return new Batch(
                    record.path("host_id").asText(),
                    record.path("batch_id").asText(),
                    Instant.parse(record.path("received_at").asText()),
                    events,
                    held);
        } catch (IOException e) {
            throw new UncheckedIOException("a usage journal record does not read back as JSON", e);
        }
    }
}
