package com.royaltydesk.platform.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A usage event that passed every rule, attributed (receipt → asset → creator) and priced exactly:
 * {@code amount} is what it earns, {@code units} its weight in a subscription-bonus pool.
 */
public record PricedEvent(
        int index,
        String eventId,
        String modelId,
        String receiptId,
        String assetId,
        String creatorId,
        Instant eventTime,
        long tokens,
        BigDecimal revenue,
        BigDecimal amount,
        BigDecimal units,
        String currency) {

    public String period() {
        return Periods.of(eventTime);
    }
}
