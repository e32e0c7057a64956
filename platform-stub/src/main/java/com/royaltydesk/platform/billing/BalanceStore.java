package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The sums a balance is made of, per currency, on the caller's connection: the ledger, usage in
 * periods not yet settled, and events held for fraud review. Currencies that sum to zero are left out.
 */
final class BalanceStore {

    /** One asset's sum in periods not yet settled. */
    record AssetSum(String assetId, BigDecimal amount) {}

    Map<String, BigDecimal> onLedger(Connection c, String creatorId) throws SQLException {
        return sums(
                c,
                "SELECT currency, SUM(amount) FROM ledger_entries WHERE creator_id = ? GROUP BY currency",
                creatorId);
    }

    Map<String, BigDecimal> unsettled(Connection c, String creatorId) throws SQLException {
        return sums(
                c,
                "SELECT currency, SUM(amount) FROM usage_rollups WHERE creator_id = ?"
                        + " AND period NOT IN (SELECT period FROM closed_periods) GROUP BY currency",
                creatorId);
    }

    Map<String, BigDecimal> heldForReview(Connection c, String creatorId) throws SQLException {
        return sums(
                c,
                "SELECT e.currency, SUM(e.amount) FROM usage_held h JOIN usage_events e ON e.seq = h.seq"
                        + " WHERE h.creator_id = ? GROUP BY e.currency",
                creatorId);
    }

    /** Per asset in {@code currency}, in asset order; more than {@code atMost} is {@code tooMany}'s error. */
    List<AssetSum> unsettledByAsset(
            Connection c, String creatorId, String currency, int atMost, Supplier<RuntimeException> tooMany)
            throws SQLException {
        return Queries.listAtMost(
                c,
                "SELECT asset_id, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND currency = ?"
                        + " AND period NOT IN (SELECT period FROM closed_periods) GROUP BY asset_id ORDER BY asset_id",
                atMost,
                tooMany,
                r -> new AssetSum(r.getString(1), r.getBigDecimal(2)),
                creatorId,
                currency);
    }

    private static Map<String, BigDecimal> sums(Connection c, String sql, String creatorId) throws SQLException {
        Map<String, BigDecimal> sums = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, creatorId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getBigDecimal(2) != null && r.getBigDecimal(2).signum() != 0) {
                        sums.put(r.getString(1), r.getBigDecimal(2));
                    }
                }
            }
        }
        return sums;
    }
}
