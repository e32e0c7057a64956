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
import java.util.EnumMap;
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

    /** Claims in one {@code POST /v1/proof-of-training/batch}: one group, so one transaction. */
    public static final int MAX_BATCH = ReceiptGroups.MAX_GROUP;

    /** Where an Idempotency-Key of {@code POST /v1/proof-of-training} is remembered. */
    static final String SINGLE_SCOPE = "proof-of-training";

    /** …and one of {@code POST /v1/proof-of-training/batch}: a key may serve one request of each. */
    static final String BATCH_SCOPE = "proof-of-training-batch";

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

    /** A batch's receipts, in the order of its claims, and whether they were replayed. */
    public record IssuedBatch(List<Receipt> receipts, boolean replayed) {}

    /**
     * What an Idempotency-Key remembers: where it was used (one receipt or a batch — the same key
     * may serve one of each), the key, and the hash of the body it came with.
     */
    record Remembered(String scope, String key, String requestHash) {}

    /**
     * Issues a receipt for a validated claim. With an idempotency key, the same key and body get the
     * first receipt back; the same key with another body is a 409.
     */
    public Issued issue(ValidClaim claim, String idempotencyKey, byte[] requestBody) {
        IssuedBatch issued = issueRequest(List.of(claim), remembered(SINGLE_SCOPE, idempotencyKey, requestBody));
        return new Issued(issued.receipts().get(0), issued.replayed());
    }

    /**
     * Issues a batch's receipts at consecutive log indexes, all in one transaction: all of them or
     * none. With an idempotency key, the same key and body get the same receipts back. At most
     * {@link #MAX_BATCH} claims: {@link ReceiptGroups} refuses more, as the handler does first.
     */
    public IssuedBatch issueAll(List<ValidClaim> claims, String idempotencyKey, byte[] requestBody) {
        return issueRequest(claims, remembered(BATCH_SCOPE, idempotencyKey, requestBody));
    }

    private IssuedBatch issueRequest(List<ValidClaim> claims, Remembered key) {
        if (key != null) {
            Optional<IssuedBatch> earlier = replay(key, claims.size());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            List<Receipt> stored = groups.store(new ReceiptGroups.Pending(sign(claims), key));
            metrics.receiptsIssued(stored.size());
            return new IssuedBatch(stored, false);
        } catch (DataAccessException e) {
            // A concurrent request with the same key won the race: answer as it did.
            if (key != null && e.isConstraintViolation()) {
                return replay(key, claims.size()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private static Remembered remembered(String scope, String idempotencyKey, byte[] requestBody) {
        return idempotencyKey == null ? null : new Remembered(scope, idempotencyKey, sha256Hex(requestBody));
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

    /**
     * The receipts an earlier request with this key made: its first receipt is remembered, the rest
     * follow it in the log (a request's receipts are stored at consecutive indexes, in one group).
     */
    private Optional<IssuedBatch> replay(Remembered key, int claims) {
        return idempotency.find(key.scope(), key.key()).map(entry -> {
            if (!entry.requestSha256().equals(key.requestHash())) {
                throw ApiException.conflict(
                        "idempotency_key_reused",
                        "This Idempotency-Key was already used with a different request body.");
            }
            // The first request may still be waiting for the disk: answer only once it would.
            groups.awaitEarlierWritesDurable();
            Receipt first = receipts.find(entry.resultId()).orElseThrow();
            List<Receipt> made = claims == 1
                    ? List.of(first)
                    : receipts.list(new ReceiptQuery(null, null, null, first.logIndex() - 1, claims));
            if (made.size() != claims || !made.get(0).receiptId().equals(first.receiptId())) {
                throw new IllegalStateException("the receipts of Idempotency-Key " + key.key()
                        + " are not at consecutive log indexes from " + first.logIndex());
            }
            return new IssuedBatch(made, true);
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
            Instant expiresAt) {

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

    /** Signs each claim, in the request's thread: requests sign in parallel, groups only store. */
    private List<Signed> sign(List<ValidClaim> claims) {
        // JWT times are whole seconds; keep the stored times identical to the signed ones.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(RECEIPT_LIFETIME);
        List<Signed> signed = new ArrayList<>(claims.size());
        // The active key is a database read: once per purpose for the whole request.
        Map<KeyPurpose, SigningKey> active = new EnumMap<>(KeyPurpose.class);
        for (ValidClaim claim : claims) {
            SigningKey key =
                    active.computeIfAbsent(claim.sandbox() ? KeyPurpose.SANDBOX : KeyPurpose.RECEIPTS, keys::active);
            String receiptId = Ids.newId("pt");
            String jwt = signer.signReceipt(key, receiptId, issuedAt, expiresAt, payload(claim));
            String leafHash = HexFormat.of().formatHex(MerkleTree.leafHashOf(jwt.getBytes(StandardCharsets.US_ASCII)));
            signed.add(new Signed(receiptId, leafHash, claim, key, jwt, issuedAt, expiresAt));
        }
        return signed;
    }

    /**
     * One group in one transaction: the log's head taken once for all, every receipt at its index
     * with its webhook and idempotency record. With a journal (H2), each receipt's record is appended
     * while the head is held — journal order is log order — and the group is durable once H2 has
     * checkpointed and the journal has synced.
     */
    private ReceiptGroups.Durability commit(List<ReceiptGroups.Pending> group) {
        Jdbc.TransactionWork<Void> insertGroup = connection -> {
            int size = group.stream().mapToInt(ReceiptGroups.Pending::size).sum();
            long next = ReceiptLog.reserveNextIndices(connection, size);
            List<Receipt> stored = new ArrayList<>(size);
            for (ReceiptGroups.Pending pending : group) {
                stored.addAll(pending.storeFrom(next));
                next += pending.size();
            }
            receipts.insertAll(connection, stored);
            outbox.enqueueAll(
                    connection,
                    EventTypes.RECEIPT_ISSUED,
                    stored.stream()
                            .map(r -> new Outbox.Event(r.creatorId(), issuedEvent(r)))
                            .toList());
            for (ReceiptGroups.Pending pending : group) {
                Remembered key = pending.idempotency();
                if (key != null) {
                    Receipt first = pending.stored().get(0);
                    idempotency.insert(
                            connection, key.scope(), key.key(), key.requestHash(), first.receiptId(), first.issuedAt());
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
                    // The key goes with the request's first receipt, as its idempotency record does.
                    Remembered key = pending.idempotency();
                    List<Receipt> stored = pending.stored();
                    for (int i = 0; i < stored.size(); i++) {
                        seqs.add(journal.append(
                                key != null && i == 0
                                        ? new ReceiptJournal.Issued(
                                                stored.get(i), key.scope(), key.key(), key.requestHash())
                                        : new ReceiptJournal.Issued(stored.get(i), null, null, null)));
                    }
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
                            .find(issued.idempotencyScope(), issued.idempotencyKey())
                            .isEmpty()) {
                idempotency.insert(
                        connection,
                        issued.idempotencyScope(),
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
