package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/earnings/monthly}: usage earnings month by month, one series per asset or model;
 * floors and pool bonuses are added at settlement and are not in it. Amounts are exact.
 */
public record MonthlyEarnings(String creatorId, String from, String to, String groupBy, List<Series> series) {

    /** One asset's or model's months. */
    public record Series(String key, String label, String currency, List<Point> points) {}

    /** One month's usage earnings; {@code period} is YYYY-MM. */
    public record Point(String period, BigDecimal amount) {}
}
