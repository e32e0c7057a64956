package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.idempotency.IdempotencyStore;
import com.royaltydesk.platform.log.MerkleTree;
import com.royaltydesk.platform.log.ReceiptLog;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues proof-of-training receipts: validates the claim, signs it, and stores it and its log
 * entry in one transaction, so a receipt exists exactly when its log entry does — in groups with
 * the receipts issued at the same time ({@link ReceiptGroups}).
 */
public final class ReceiptService {

    /** Receipts are evidence; they stay verifiable for five years. */
    public static final Duration RECEIPT_LIFETIME = Duration.ofDays(5 * 366);

    private static final String IDEMPOTENCY_SCOPE = "proof-of-training";

    private final Jdbc jdbc;
    private final ReceiptStore receipts;
    private final SigningKeys keys;
    private final ReceiptSigner signer;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Clock clock;
    /** Null where the database is durable at commit (PostgreSQL). */
    private final ReceiptJournal journal;

    private final PlatformMetrics metrics;
    private final ReceiptGroups groups = new ReceiptGroups(this::commit);

    public ReceiptService(
            Jdbc jdbc,
            ReceiptStore receipts,
            SigningKeys keys,
            ReceiptSigner signer,
            IdempotencyStore idempotency,
            ObjectMapper json,
            Outbox outbox,
            Clock clock,
            ReceiptJournal journal,
            PlatformMetrics metrics) {
        this.metrics = metrics;
        this.journal = journal;
        this.jdbc = jdbc;
        this.receipts = receipts;
        this.keys = keys;
        this.signer = signer;
        this.idempotency = idempotency;
        this.json = json;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An issued receipt and whether it was replayed for a repeated Idempotency-Key. */
    public record Issued(Receipt receipt, boolean replayed) {}

    /**
     * Issues a receipt for a validated claim. With an idempotency key, the same key and body get the
     * first receipt back; the same key with another body is a 409.
     */
    public Issued issue(ValidClaim claim, String idempotencyKey, byte[] requestBody) {
        String requestHash = idempotencyKey == null ? null : sha256Hex(requestBody);
        if (idempotencyKey != null) {
            Optional<Issued> earlier = replay(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            Receipt receipt = store(claim, idempotencyKey, requestHash);
            metrics.receiptIssued();
            return new Issued(receipt, false);
        } catch (DataAccessException e) {
            // A concurrent request with the same key won the race: answer as it did.
            if (idempotencyKey != null && e.isConstraintViolation()) {
                return replay(idempotencyKey, requestHash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Optional<Receipt> find(String receiptId) {
        return receipts.find(receiptId);
    }

    public List<Receipt> list(ReceiptQuery query) {
        return receipts.list(query);
    }

    /** Receipts issued per asset, for the assets list. */
    public Map<String, Long> countsByAsset(List<String> assetIds) {
        return receipts.countsByDataset(assetIds);
    }

    private Optional<Issued> replay(String idempotencyKey, String requestHash) {
        return idempotency.find(IDEMPOTENCY_SCOPE, idempotencyKey).map(entry -> {
            if (!entry.requestSha256().equals(requestHash)) {
                throw ApiException.conflict(
                        "idempotency_key_reused",
                        "This Idempotency-Key was already used with a different request body.");
            }
            // The first request may still be waiting for the disk: answer only once it would.
            groups.awaitEarlierWritesDurable();
            return new Issued(receipts.find(entry.resultId()).orElseThrow(), true);
        });
    }

    /** A receipt signed by its request, waiting for its log index. */
    record Signed(
            String receiptId,
            String leafHash,
            ValidClaim claim,
            SigningKey key,
            String jwt,
            Instant issuedAt,
            Instant expiresAt,
            String idempotencyKey,
            String requestHash) {

        Receipt at(long logIndex) {
            return new Receipt(
                    receiptId,
                    logIndex,
                    leafHash,
                    claim.creatorId(),
                    claim.datasetId(),
                    claim.modelId(),
                    claim.artifactHash(),
                    claim.portionUsed(),
                    claim.license(),
                    key.kid(),
                    key.algorithm().jws().getName(),
                    jwt,
                    claim.sandbox(),
                    issuedAt,
                    expiresAt);
        }
    }

    private Receipt store(ValidClaim claim, String idempotencyKey, String requestHash) {
        KeyPurpose purpose = claim.sandbox() ? KeyPurpose.SANDBOX : KeyPurpose.RECEIPTS;
        SigningKey key = keys.active(purpose);
        String receiptId = Ids.newId("pt");
        // JWT times are whole seconds; keep the stored times identical to the signed ones.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(RECEIPT_LIFETIME);
        String jwt = signer.signReceipt(key, receiptId, issuedAt, expiresAt, payload(claim));
        String leafHash = HexFormat.of().formatHex(MerkleTree.leafHashOf(jwt.getBytes(StandardCharsets.US_ASCII)));
        return groups.store(
                new Signed(receiptId, leafHash, claim, key, jwt, issuedAt, expiresAt, idempotencyKey, requestHash));
    }

    /**
     * One group in one transaction: the log's head taken once for all, every receipt at its index
     * with its webhook and idempotency record. With a journal (H2), each receipt's record is appended
     * while the head is held — journal order is log order — and the group is durable once H2 has
     * checkpointed and the journal has synced.
     */
    private ReceiptGroups.Durability commit(List<ReceiptGroups.Pending> group) {
        Jdbc.TransactionWork<Void> insertGroup = connection -> {
            long first = ReceiptLog.reserveNextIndices(connection, group.size());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).stored(group.get(i).signed().at(first + i));
            }
            List<Receipt> stored =
                    group.stream().map(ReceiptGroups.Pending::stored).toList();
            receipts.insertAll(connection, stored);
            outbox.enqueueAll(
                    connection,
                    EventTypes.RECEIPT_ISSUED,
                    stored.stream()
                            .map(r -> new Outbox.Event(r.creatorId(), issuedEvent(r)))
                            .toList());
            for (ReceiptGroups.Pending pending : group) {
                Receipt receipt = pending.stored();
                Signed signed = pending.signed();
                if (signed.idempotencyKey() != null) {
                    idempotency.insert(
                            connection,
                            IDEMPOTENCY_SCOPE,
                            signed.idempotencyKey(),
                            signed.requestHash(),
                            receipt.receiptId(),
                            receipt.issuedAt());
                }
            }
            return null;
        };
        if (journal == null) {
            jdbc.inTransaction(insertGroup);
            return () -> {};
        }
        List<Long> seqs = new ArrayList<>();
        journal.groupOpening();
        try {
            // The receipt journal carries the receipt, its idempotency record and (made anew at
            // replay) its webhook: not the change journal.
            jdbc.inTransactionWithoutWaiting(connection -> {
                insertGroup.apply(connection);
                for (ReceiptGroups.Pending pending : group) {
                    Signed signed = pending.signed();
                    seqs.add(journal.append(new ReceiptJournal.Issued(
                            pending.stored(), signed.idempotencyKey(), signed.requestHash())));
                }
                return null;
            });
        } catch (RuntimeException e) {
            seqs.forEach(journal::abort);
            throw e;
        } finally {
            journal.groupClosed();
        }
        long last = seqs.get(seqs.size() - 1);
        // The journal's records are what the answer rests on; H2's checkpoint stays (decision 0021, session 15).
        return () -> {
            jdbc.makeDurable();
            journal.awaitDurable(last);
        };
    }

    /**
     * Puts back every journaled receipt H2 lost in a crash, before the platform serves: each one
     * missing, at its own log index, with its idempotency record and a new {@code receipt.issued}
     * webhook (delivery is at least once). The start then records the journals' marks.
     * Returns how many receipts were restored.
     */
    public int recoverFromJournal() {
        if (journal == null) {
            return 0;
        }
        int[] restored = {0};
        long[] size = {-1};
        journal.replayUnapplied(issued -> jdbc.inTransactionWithoutWaiting(connection -> {
            Receipt r = issued.receipt();
            size[0] = Math.max(size[0], r.logIndex() + 1);
            if (receipts.exists(connection, r.receiptId(), r.logIndex())) {
                return null;
            }
            receipts.insert(connection, r);
            outbox.enqueue(connection, EventTypes.RECEIPT_ISSUED, r.creatorId(), issuedEvent(r));
            if (issued.idempotencyKey() != null
                    && idempotency
                            .find(IDEMPOTENCY_SCOPE, issued.idempotencyKey())
                            .isEmpty()) {
                idempotency.insert(
                        connection,
                        IDEMPOTENCY_SCOPE,
                        issued.idempotencyKey(),
                        issued.requestSha256(),
                        r.receiptId(),
                        r.issuedAt());
            }
            restored[0]++;
            return null;
        }));
        if (size[0] > 0) {
            jdbc.inTransactionWithoutWaiting(connection -> {
                ReceiptLog.growTo(connection, size[0]);
                return null;
            });
        }
        return restored[0];
    }

    private static Map<String, Object> issuedEvent(Receipt receipt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("receipt_id", receipt.receiptId());
        data.put("creator_id", receipt.creatorId());
        data.put("dataset_id", receipt.datasetId());
        data.put("model_id", receipt.modelId());
        data.put("log_index", receipt.logIndex());
        data.put("kid", receipt.kid());
        data.put("issued_at", receipt.issuedAt().toString());
        data.put("sandbox", receipt.sandbox());
        return data;
    }

    private Map<String, Object> payload(ValidClaim claim) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("dataset_id", claim.datasetId());
        payload.put("creator_id", claim.creatorId());
        payload.put("model_id", claim.modelId());
        payload.put("artifact_hash", claim.artifactHash());
        payload.put("dataset_sha256", "sha256:" + claim.datasetSha256());
        payload.put("portion_used", claim.portionUsed());
        payload.put("license", claim.license());
        if (claim.notes() != null) {
            payload.put("notes", claim.notes());
        }
        if (claim.evidence() != null) {
            payload.put("evidence_sha256", "sha256:" + sha256Hex(evidenceBytes(claim)));
        }
        if (claim.sandbox()) {
            payload.put("sandbox", true);
        }
        return payload;
    }

    private byte[] evidenceBytes(ValidClaim claim) {
        try {
            return json.writeValueAsBytes(claim.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence is not serialisable", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
