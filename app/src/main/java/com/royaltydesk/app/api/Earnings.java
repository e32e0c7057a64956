package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /v1/earnings}: earnings by day, one series per asset or model. Amounts are exact. */
public record Earnings(String creatorId, String period, String groupBy, List<Series> series) {

    /** One asset's or model's days. */
    public record Series(String key, String label, String currency, List<Point> points) {}

    /** One day's earnings. */
    public record Point(LocalDate day, BigDecimal amount) {}
}
