package com.royaltydesk.platform.usage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * The id of a usage event sent without {@code event_id} (the seed's own batches): derived from what
 * the event says — model, time, tokens, receipt, revenue — so a retried batch is deduplicated like
 * any other. The trade-off (decision 0014): two truly distinct events that say exactly the same
 * thing count once; a host that can send such events must give ids.
 */
final class DerivedEventId {

    /** Hosts may not use this prefix for their own ids, so derived and given ids never meet. */
    static final String PREFIX = "derived:";

    private DerivedEventId() {}

    static String of(String modelId, Instant time, long tokens, String receiptId, BigDecimal revenue) {
        String canonical = String.join(
                "\n",
                modelId,
                time.toString(),
                Long.toString(tokens),
                receiptId,
                revenue == null ? "" : revenue.stripTrailingZeros().toPlainString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
