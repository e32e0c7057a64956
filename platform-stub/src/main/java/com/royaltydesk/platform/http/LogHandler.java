package com.royaltydesk.platform.http;

import com.royaltydesk.platform.ApiException;
import com.royaltydesk.platform.Validate;
import com.royaltydesk.platform.receipts.LogEvidence;
import io.javalin.http.Context;

/**
 * The receipt log's public face: checkpoints and consistency proofs are public (they reveal only
 * hashes); an inclusion proof is readable by whoever may read the receipt.
 */
public final class LogHandler {

    private final LogEvidence evidence;
    private final ReceiptsHandler receipts;

    public LogHandler(LogEvidence evidence, ReceiptsHandler receipts) {
        this.evidence = evidence;
        this.receipts = receipts;
    }

    public void checkpoint(Context ctx) {
        ctx.json(evidence.checkpoint());
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

    private static long number(String raw, String field) {
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
