package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.ProofOfTraining;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.sandbox.RateLimiter;
import com.royaltydesk.platform.sandbox.SandboxBootstrap;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code POST /v1/sandbox/proof-of-training}: no key needed, sandbox mode only, rate limited per
 * client address. Issues a real, logged receipt for the sandbox demo dataset, marked {@code
 * "sandbox": true} and signed by the sandbox-only key.
 */
public final class SandboxHandler {

    /** Optional body: which model the demo receipt names. */
    public record SandboxRequest(String modelId) {}

    private static final String DEFAULT_MODEL = "sandbox-model";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReceiptService receipts;
    private final ClaimValidator validator;
    private final RequestBodies bodies;
    private final RateLimiter limiter;

    public SandboxHandler(
            ReceiptService receipts, ClaimValidator validator, RequestBodies bodies, RateLimiter limiter) {
        this.receipts = receipts;
        this.validator = validator;
        this.bodies = bodies;
        this.limiter = limiter;
    }

    /**
     * {@code POST /v1/sandbox/webhook-sink}: the sandbox's own webhook receiver, where the demo
     * history's endpoint points, so a stranger's Webhooks view shows deliveries made and answered.
     * It reads the body and keeps nothing.
     */
    public void sink(Context ctx) {
        ctx.bodyAsBytes();
        ctx.status(204);
    }

    public void record(Context ctx) {
        Optional<Duration> wait = limiter.acquire(ctx.ip());
        if (wait.isPresent()) {
            throw ApiException.rateLimited("Too many sandbox receipts from this address; retry later.", wait.get());
        }
        String model = DEFAULT_MODEL;
        if (ctx.bodyAsBytes().length > 0) {
            SandboxRequest request = bodies.read(ctx, SandboxRequest.class);
            model = request.modelId() == null ? DEFAULT_MODEL : request.modelId();
        }
        byte[] artifact = new byte[32];
        RANDOM.nextBytes(artifact);
        ProofOfTraining claim = new ProofOfTraining(
                SandboxBootstrap.DEMO_DATASET,
                SandboxBootstrap.DEMO_CREATOR,
                model,
                "sha256:" + HexFormat.of().formatHex(artifact),
                null,
                new ProofOfTraining.Metadata("cc-by-4.0", new BigDecimal("0.12"), "sandbox demo receipt"));
        ReceiptService.Issued issued = receipts.issue(validator.validate(claim, true), null, null);
        ctx.status(201).json(ReceiptsHandler.recorded(issued.receipt()));
    }
}
