package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.log.Witnessing;
import com.royaltydesk.platform.receipts.LogEvidence;
import io.javalin.http.Context;

/**
 * The receipt log's public face: checkpoints and consistency proofs are public (they reveal only
 * hashes); an inclusion proof is readable by whoever may read the receipt. Witnesses send
 * cosignatures here; the platform operator registers which witnesses count.
 */
public final class LogHandler {

    /** {@code POST /v1/log/cosignatures}: one note signature line for the checkpoint of {@code tree_size}. */
    public record CosignRequest(Long treeSize, String cosignature) {}

    /** {@code POST /v1/log/witnesses}: a witness's C2SP vkey (type 0x04). */
    public record WitnessRequest(String vkey) {}

    public record WitnessView(String name, String keyId, String vkey) {}

    private static final int MAX_LINE = 400;

    private final LogEvidence evidence;
    private final Witnessing witnessing;
    private final ReceiptsHandler receipts;
    private final Auth auth;
    private final RequestBodies bodies;

    public LogHandler(
            LogEvidence evidence, Witnessing witnessing, ReceiptsHandler receipts, Auth auth, RequestBodies bodies) {
        this.evidence = evidence;
        this.witnessing = witnessing;
        this.receipts = receipts;
        this.auth = auth;
        this.bodies = bodies;
    }

    /** The C2SP signed note as {@code text/plain}; the same with its fields as JSON for {@code Accept: application/json}. */
    public void checkpoint(Context ctx) {
        LogEvidence.Checkpoint checkpoint = evidence.checkpoint();
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            ctx.json(checkpoint);
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(checkpoint.note());
        }
    }

    public void inclusion(Context ctx) {
        String receiptId = Validate.id(ctx.queryParam("receipt_id"), "receipt_id");
        Long treeSize = ctx.queryParam("tree_size") == null ? null : number(ctx.queryParam("tree_size"), "tree_size");
        ctx.json(evidence.inclusion(receipts.readable(ctx, receiptId), treeSize));
    }

    public void consistency(Context ctx) {
        long first = number(ctx.queryParam("first"), "first");
        long second = number(ctx.queryParam("second"), "second");
        ctx.json(evidence.consistency(first, second));
    }

    public void cosign(Context ctx) {
        CosignRequest request = bodies.read(ctx, CosignRequest.class);
        if (request.treeSize() == null || request.treeSize() < 0) {
            throw ApiException.invalid("tree_size", "tree_size must be a whole number of at least 0.");
        }
        if (request.cosignature() == null || request.cosignature().length() > MAX_LINE) {
            throw ApiException.invalid(
                    "cosignature", "cosignature must be one signature line of at most " + MAX_LINE + " characters.");
        }
        witnessing.cosign(request.treeSize(), request.cosignature());
        ctx.status(201).json(evidence.checkpoint());
    }

    public void registerWitness(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        WitnessRequest request = bodies.read(ctx, WitnessRequest.class);
        if (request.vkey() == null || request.vkey().length() > MAX_LINE) {
            throw ApiException.invalid(
                    "vkey", "vkey must be a C2SP verifier key of at most " + MAX_LINE + " characters.");
        }
        var witness = witnessing.register(request.vkey());
        ctx.status(201).json(new WitnessView(witness.name(), witness.keyId(), witness.vkey()));
    }

    static long number(String raw, String field) {
        try {
            if (raw != null) {
                return Long.parseLong(raw);
            }
        } catch (NumberFormatException e) {
            // the same message as a missing value
        }
        throw ApiException.invalid(field, field + " must be a whole number.");
    }
}
