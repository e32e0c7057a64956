package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.LogEvidence;
import com.royaltydesk.platform.receipts.ProofOfTraining;
import com.royaltydesk.platform.receipts.ProofOfTrainingBatch;
import com.royaltydesk.platform.receipts.Receipt;
import com.royaltydesk.platform.receipts.ReceiptQuery;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.receipts.TrustRoots;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Proof-of-training and receipts: issue, read, list, bundle. */
public final class ReceiptsHandler {

    /** {@code POST /v1/proof-of-training} answer: the seed's fields plus where the receipt sits in the log. */
    public record Recorded(
            String trainingId,
            String receiptId,
            Instant timestamp,
            String receiptJwt,
            String kid,
            String alg,
            long logIndex) {}

    /** {@code POST /v1/proof-of-training/batch} answer: each claim's receipt, in the claims' order. */
    public record RecordedBatch(List<Recorded> receipts) {}

    /** A receipt as clients see it. */
    public record ReceiptView(
            String receiptId,
            String kid,
            String alg,
            String receiptJwt,
            long logIndex,
            String leafHash,
            String creatorId,
            String datasetId,
            String modelId,
            String artifactHash,
            BigDecimal portionUsed,
            String license,
            boolean sandbox,
            Instant issuedAt,
            Instant expiresAt) {}

    /** One page of receipts, in log order. */
    public record ReceiptPage(List<ReceiptView> receipts, String nextCursor) {}

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final ReceiptService receipts;
    private final ClaimValidator validator;
    private final LogEvidence evidence;
    private final Auth auth;
    private final RequestBodies bodies;
    private final TrustRoots trustRoots;

    public ReceiptsHandler(
            ReceiptService receipts,
            ClaimValidator validator,
            LogEvidence evidence,
            TrustRoots trustRoots,
            Auth auth,
            RequestBodies bodies) {
        this.trustRoots = trustRoots;
        this.receipts = receipts;
        this.validator = validator;
        this.evidence = evidence;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void record(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String idempotencyKey = idempotencyKey(ctx);
        ProofOfTraining request = bodies.read(ctx, ProofOfTraining.class);
        ReceiptService.Issued issued =
                receipts.issue(validator.validate(request, false), idempotencyKey, ctx.bodyAsBytes());
        Receipt r = issued.receipt();
        if (issued.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(201).json(recorded(r));
    }

    /**
     * Several claims in one request (issue #15: HTTP, auth and the transaction paid once): every
     * claim valid and then all issued at consecutive log indexes, or the first invalid one named as
     * {@code claims[i]…} and nothing issued.
     */
    public void recordBatch(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String idempotencyKey = idempotencyKey(ctx);
        ProofOfTrainingBatch request = bodies.read(ctx, ProofOfTrainingBatch.class);
        if (request.claims() == null || request.claims().isEmpty()) {
            throw ApiException.invalid("claims", "claims must list at least one proof-of-training claim.");
        }
        if (request.claims().size() > ReceiptService.MAX_BATCH) {
            throw ApiException.invalid(
                    "claims",
                    "A batch holds at most " + ReceiptService.MAX_BATCH + " claims; send the rest in another request.");
        }
        ReceiptService.IssuedBatch issued =
                receipts.issueAll(validator.validateAll(request.claims()), idempotencyKey, ctx.bodyAsBytes());
        if (issued.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(201)
                .json(new RecordedBatch(issued.receipts().stream()
                        .map(ReceiptsHandler::recorded)
                        .toList()));
    }

    public void get(Context ctx) {
        ctx.json(view(readable(ctx, Validate.id(ctx.pathParam("id"), "id"))));
    }

    public void bundle(Context ctx) {
        Receipt receipt = readable(ctx, Validate.id(ctx.pathParam("id"), "id"));
        ctx.header("Content-Disposition", "attachment; filename=\"" + receipt.receiptId() + ".bundle.json\"");
        String since = ctx.queryParam("consistent_with");
        Long consistentWith = since == null ? null : LogHandler.number(since, "consistent_with");
        ctx.json(evidence.bundle(receipt, consistentWith, trustRoots.current()));
    }

    public void list(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String creator = Tenants.scope(caller, ctx.queryParam("creator_id"));
        String model = ctx.queryParam("model_id") == null ? null : ClaimValidator.modelId(ctx.queryParam("model_id"));
        String dataset =
                ctx.queryParam("dataset_id") == null ? null : Validate.id(ctx.queryParam("dataset_id"), "dataset_id");
        Paged<Receipt> page = Paged.byKey(
                receipts.list(new ReceiptQuery(
                        creator, model, dataset, Cursors.decode(ctx.queryParam("cursor")), Paged.rowsToRead(limit))),
                limit,
                Receipt::logIndex);
        ctx.json(
                new ReceiptPage(page.shown().stream().map(ReceiptsHandler::view).toList(), page.next()));
    }

    /**
     * A receipt the caller may read: the platform reads all, a creator its own, anyone a sandbox
     * receipt. Anything else is "not found", so ids of others' receipts reveal nothing.
     */
    Receipt readable(Context ctx, String receiptId) {
        Optional<Principal> caller = auth.optional(ctx);
        Optional<Receipt> receipt = receipts.find(receiptId);
        if (receipt.isPresent() && receipt.get().sandbox()) {
            return receipt.get();
        }
        if (caller.isEmpty()) {
            throw new ApiException(
                    ApiException.Kind.UNAUTHENTICATED,
                    "unauthorized",
                    "Send a valid API key as 'Authorization: Bearer <key>'.",
                    null);
        }
        Principal principal = caller.get();
        return receipt.filter(r -> principal.is(Role.PLATFORM)
                        || (principal.is(Role.CREATOR) && r.creatorId().equals(principal.creatorId())))
                .orElseThrow(() -> ApiException.notFound("No receipt " + receiptId + "."));
    }

    static Recorded recorded(Receipt r) {
        return new Recorded(r.receiptId(), r.receiptId(), r.issuedAt(), r.receiptJwt(), r.kid(), r.alg(), r.logIndex());
    }

    static ReceiptView view(Receipt r) {
        return new ReceiptView(
                r.receiptId(),
                r.kid(),
                r.alg(),
                r.receiptJwt(),
                r.logIndex(),
                r.leafHash(),
                r.creatorId(),
                r.datasetId(),
                r.modelId(),
                r.artifactHash(),
                r.portionUsed(),
                r.license(),
                r.sandbox(),
                r.issuedAt(),
                r.expiresAt());
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.invalid("Idempotency-Key", "Idempotency-Key must be 1-255 visible ASCII characters.");
        }
        return key;
    }
}
