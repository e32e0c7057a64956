package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Settlements, ledger entries, statements rows and payouts. Ledger entries are only ever inserted. */
public final class SettlementStore {

    /** A settlement row. */
    public record Settlement(
            String settlementId, String period, BigDecimal poolAmount, String poolCurrency, Instant createdAt) {}

    /** A payout row. */
    public record Payout(
            String payoutId,
            String settlementId,
            String creatorId,
            String period,
            BigDecimal amount,
            String currency,
            String status,
            String method,
            String txRef,
            String failureReason) {}

    /** Which creator and currency a settlement must look at. */
    public record Account(String creatorId, String currency) {}

    private final DataSource dataSource;

    public SettlementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Settlement> findByPeriod(String period) {
        return findSettlement(
                "SELECT settlement_id, period, pool_amount, pool_currency, created_at FROM settlements WHERE period = ?",
                period);
    }

    /** The first month with any recorded usage: no period before it can be settled. */
    public Optional<String> firstUsagePeriod() {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement select =
                        connection.prepareStatement("SELECT MIN(period) FROM usage_rollups");
                java.sql.ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        } catch (java.sql.SQLException e) {
            throw new com.royaltydesk.platform.db.DataAccessException(e);
        }
    }

    public Optional<Settlement> find(String settlementId) {
        return findSettlement(
                "SELECT settlement_id, period, pool_amount, pool_currency, created_at FROM settlements WHERE settlement_id = ?",
                settlementId);
    }

    private Optional<Settlement> findSettlement(String sql, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Settlement(
                                r.getString(1),
                                r.getString(2),
                                r.getBigDecimal(3),
                                r.getString(4),
                                Jdbc.instant(r.getTimestamp(5))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    void insertSettlement(Connection c, Settlement settlement) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO settlements (settlement_id, period, pool_amount, pool_currency, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, settlement.settlementId());
            s.setString(2, settlement.period());
            s.setBigDecimal(3, settlement.poolAmount());
            s.setString(4, settlement.poolCurrency());
            s.setTimestamp(5, Jdbc.timestamp(settlement.createdAt()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO closed_periods (period, closed_at) VALUES (?, ?)")) {
            s.setString(1, settlement.period());
            s.setTimestamp(2, Jdbc.timestamp(settlement.createdAt()));
            s.executeUpdate();
        }
    }

    /** Creators and currencies with usage or corrections in the period, or money still on the ledger. */
    Set<Account> accounts(Connection c, String period) throws SQLException {
        Set<Account> accounts = new LinkedHashSet<>();
        collect(
                c,
                accounts,
                "SELECT DISTINCT creator_id, currency FROM usage_rollups WHERE period = ? ORDER BY creator_id, currency",
                period);
        collect(
                c,
                accounts,
                "SELECT DISTINCT r.creator_id, e.currency FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                        + " JOIN receipts r ON r.receipt_id = e.receipt_id"
                        + " WHERE v.booked_period = ? ORDER BY r.creator_id, e.currency",
                period);
        collect(
                c,
                accounts,
                "SELECT creator_id, currency FROM ledger_entries WHERE period <> ? GROUP BY creator_id, currency"
                        + " HAVING SUM(amount) <> 0 ORDER BY creator_id, currency",
                period);
        return accounts;
    }

    private static void collect(Connection c, Set<Account> into, String sql, String period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    into.add(new Account(r.getString(1), r.getString(2)));
                }
            }
        }
    }

    BigDecimal balance(Connection c, String creatorId, String currency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE creator_id = ? AND currency = ?")) {
            s.setString(1, creatorId);
            s.setString(2, currency);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBigDecimal(1);
            }
        }
    }

    /** Exact earnings and subscription units per asset for a creator's period, from the rollups. */
    Map<String, BigDecimal[]> usageByAsset(Connection c, String creatorId, String currency, String period)
            throws SQLException {
        Map<String, BigDecimal[]> usage = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT asset_id, SUM(amount), SUM(units) FROM usage_rollups WHERE creator_id = ? AND currency = ? AND period = ?"
                        + " GROUP BY asset_id ORDER BY asset_id")) {
            s.setString(1, creatorId);
            s.setString(2, currency);
            s.setString(3, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    usage.put(r.getString(1), new BigDecimal[] {r.getBigDecimal(2), r.getBigDecimal(3)});
                }
            }
        }
        return usage;
    }

    BigDecimal adjustments(Connection c, String creatorId, String currency, String period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(v.amount), 0) FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                        + " JOIN receipts r ON r.receipt_id = e.receipt_id"
                        + " WHERE r.creator_id = ? AND e.currency = ? AND v.booked_period = ?")) {
            s.setString(1, creatorId);
            s.setString(2, currency);
            s.setString(3, period);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBigDecimal(1);
            }
        }
    }

    /** Subscription units per asset across all creators, for splitting the pool. */
    Map<String, BigDecimal> subscriptionUnits(Connection c, String period, String currency) throws SQLException {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT asset_id, SUM(units) FROM usage_rollups WHERE period = ? AND currency = ? GROUP BY asset_id"
                        + " HAVING SUM(units) > 0 ORDER BY asset_id")) {
            s.setString(1, period);
            s.setString(2, currency);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    units.put(r.getString(1), r.getBigDecimal(2));
                }
            }
        }
        return units;
    }

    void insertLedger(
            Connection c, String creatorId, String currency, String period, List<LedgerLine> lines, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ledger_entries (creator_id, currency, period, kind, asset_id, amount, ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LedgerLine line : lines) {
                s.setString(1, creatorId);
                s.setString(2, currency);
                s.setString(3, period);
                s.setString(4, line.kind());
                s.setString(5, line.assetId());
                s.setBigDecimal(6, line.amount());
                s.setString(7, line.ref());
                s.setTimestamp(8, Jdbc.timestamp(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    void insertStatement(
            Connection c,
            String settlementId,
            String creatorId,
            String period,
            String currency,
            BigDecimal opening,
            SettlementCalculator.Result result)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO statements (creator_id, period, currency, settlement_id, opening, payable, paid, carried, carry_reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, creatorId);
            s.setString(2, period);
            s.setString(3, currency);
            s.setString(4, settlementId);
            s.setBigDecimal(5, opening);
            s.setBigDecimal(6, result.payable());
            s.setBigDecimal(7, result.paid());
            s.setBigDecimal(8, result.carried());
            s.setString(9, result.carryReason());
            s.executeUpdate();
        }
    }

    void insertPayout(Connection c, Payout p, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO payouts (payout_id, settlement_id, creator_id, period, amount, currency, status, method, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.payoutId());
            s.setString(2, p.settlementId());
            s.setString(3, p.creatorId());
            s.setString(4, p.period());
            s.setBigDecimal(5, p.amount());
            s.setString(6, p.currency());
            s.setString(7, p.status());
            s.setString(8, p.method());
            s.setTimestamp(9, Jdbc.timestamp(now));
            s.setTimestamp(10, Jdbc.timestamp(now));
            s.executeUpdate();
        }
    }

    /** The payout, its row locked until the transaction ends (a status report and a KYC release never cross). */
    Optional<Payout> lockPayout(Connection c, String payoutId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payout_id, settlement_id, creator_id, period, amount,"
                + " currency, status, method, tx_ref, failure_reason FROM payouts WHERE payout_id = ? FOR UPDATE")) {
            s.setString(1, payoutId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(payout(row)) : Optional.empty();
            }
        }
    }

    /** The creator's KYC status as recorded at sign-up or set by the platform since. */
    String kycStatus(Connection c, String creatorId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT kyc_status FROM creators WHERE creator_id = ?")) {
            s.setString(1, creatorId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getString(1) : "pending";
            }
        }
    }

    /** Sandbox: whether this creator's next payouts are set to fail. */
    boolean payoutsSetToFail(Connection c, String creatorId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sandbox_payout_failures WHERE creator_id = ?")) {
            s.setString(1, creatorId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Sandbox: set this creator's next payouts to fail, or to go through again. */
    void setPayoutsToFail(Connection c, String creatorId, boolean fail) throws SQLException {
        String sql = fail
                ? "INSERT INTO sandbox_payout_failures (creator_id) SELECT CAST(? AS VARCHAR(64)) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM sandbox_payout_failures WHERE creator_id = ?)"
                : "DELETE FROM sandbox_payout_failures WHERE creator_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, creatorId);
            if (fail) {
                s.setString(2, creatorId);
            }
            s.executeUpdate();
        }
    }

    /** The creator's held payouts, oldest first (at most {@code limit}; the caller pages). */
    List<String> heldPayoutIds(Connection c, String creatorId, int limit) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT payout_id FROM payouts WHERE creator_id = ? AND status = 'held'"
                        + " ORDER BY created_at, payout_id LIMIT " + limit)) {
            s.setString(1, creatorId);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        }
    }

    void updatePayout(Connection c, String payoutId, String status, String txRef, String failureReason, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE payouts SET status = ?, tx_ref = ?, failure_reason = ?, updated_at = ? WHERE payout_id = ?")) {
            s.setString(1, status);
            s.setString(2, txRef);
            s.setString(3, failureReason);
            s.setTimestamp(4, Jdbc.timestamp(now));
            s.setString(5, payoutId);
            s.executeUpdate();
        }
    }

    public List<Payout> payouts(String creatorId, String period, String settlementId, int limit) {
        return payouts(creatorId, period, settlementId, 0, limit);
    }

    /** A page of payouts in a stable order (period, creator, id): {@code limit} from {@code offset}. */
    public List<Payout> payouts(String creatorId, String period, String settlementId, int offset, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT payout_id, settlement_id, creator_id, period, amount, currency, status, method,"
                        + " tx_ref, failure_reason FROM payouts WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        for (String[] filter :
                new String[][] {{"creator_id", creatorId}, {"period", period}, {"settlement_id", settlementId}}) {
            if (filter[1] != null) {
                sql.append(" AND ").append(filter[0]).append(" = ?");
                params.add(filter[1]);
            }
        }
        sql.append(" ORDER BY period, creator_id, payout_id OFFSET ")
                .append(offset)
                .append(" ROWS FETCH FIRST ")
                .append(limit)
                .append(" ROWS ONLY");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setString(i + 1, params.get(i));
            }
            List<Payout> payouts = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    payouts.add(payout(r));
                }
            }
            return payouts;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static Payout payout(ResultSet r) throws SQLException {
        return new Payout(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                Money.roundToMinorUnit(r.getBigDecimal(5), r.getString(6)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10));
    }
}
