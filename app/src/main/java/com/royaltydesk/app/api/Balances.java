package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /v1/balances}: per currency, pending / available / held with reasons. */
public record Balances(String creatorId, List<Balance> balances) {

    /** One currency's money by state. */
    public record Balance(String currency, BigDecimal pending, BigDecimal available, List<Held> held) {}

    /** Held money and why (disputed, under_threshold, fraud_hold). */
    public record Held(String reason, BigDecimal amount) {}
}
