package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.ApiException;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * A creator's statement for a settled period: every line traceable to its asset, model, receipts
 * and event counts (usage) or to the ledger entry it is (top-ups, bonus, adjustments, holds,
 * payout), the carry, and a digest anyone can recompute (see {@link #canonicalLine}).
 */
public final class StatementService {

    /** One statement line. */
    public record Line(
            String kind,
            String assetId,
            String modelId,
            List<String> receiptIds,
            long events,
            long tokens,
            BigDecimal amount,
            String currency,
            String ref) {}

    /** The statement of one currency. */
    public record Statement(
            String creatorId,
            String period,
            String currency,
            String settlementId,
            BigDecimal openingBalance,
            List<Line> lines,
            BigDecimal payable,
            BigDecimal paid,
            BigDecimal carried,
            String carryReason,
            String digest) {}

    private static final int MAX_RECEIPTS_PER_LINE = 1000;

    private final DataSource dataSource;

    public StatementService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Statement> statements(String creatorId, String period) {
        List<Statement> statements = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT currency, settlement_id, opening, payable, paid, carried, carry_reason FROM statements"
                                + " WHERE creator_id = ? AND period = ? ORDER BY currency")) {
            s.setString(1, creatorId);
            s.setString(2, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String currency = r.getString(1);
                    List<Line> lines = new ArrayList<>(usageLines(c, creatorId, period, currency));
                    lines.addAll(ledgerLines(c, creatorId, period, currency, r.getString(2)));
                    statements.add(new Statement(
                            creatorId,
                            period,
                            currency,
                            r.getString(2),
                            Money.plain(r.getBigDecimal(3)),
                            List.copyOf(lines),
                            Money.plain(r.getBigDecimal(4)),
                            Money.roundToMinorUnit(r.getBigDecimal(5), currency),
                            Money.plain(r.getBigDecimal(6)),
                            r.getString(7),
                            digest(lines)));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        if (statements.isEmpty()) {
            throw ApiException.notFound(
                    "No statement for " + creatorId + " in " + period + "; the period may not be settled yet.");
        }
        return statements;
    }

    /** One asset and model's usage in the period, before its receipts are looked up. */
    private record UsageGroup(String assetId, String modelId, long events, long tokens, BigDecimal amount) {}

    private static List<Line> usageLines(Connection c, String creatorId, String period, String currency)
            throws SQLException {
        List<UsageGroup> groups = Queries.list(
                c,
                "SELECT asset_id, model_id, SUM(events), SUM(tokens), SUM(amount) FROM usage_rollups"
                        + " WHERE creator_id = ? AND period = ? AND currency = ? GROUP BY asset_id, model_id"
                        + " ORDER BY asset_id, model_id FETCH FIRST 10000 ROWS ONLY",
                r -> new UsageGroup(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getBigDecimal(5)),
                creatorId,
                period,
                currency);
        List<Line> lines = new ArrayList<>();
        for (UsageGroup g : groups) {
            lines.add(new Line(
                    "usage",
                    g.assetId(),
                    g.modelId(),
                    receipts(c, creatorId, period, g.assetId(), g.modelId()),
                    g.events(),
                    g.tokens(),
                    Money.plain(g.amount()),
                    currency,
                    null));
        }
        return lines;
    }

    private static List<String> receipts(Connection c, String creatorId, String period, String assetId, String modelId)
            throws SQLException {
        return Queries.list(
                c,
                "SELECT DISTINCT receipt_id FROM usage_rollups WHERE creator_id = ? AND period = ? AND asset_id = ? AND model_id = ?"
                        + " ORDER BY receipt_id FETCH FIRST " + MAX_RECEIPTS_PER_LINE + " ROWS ONLY",
                r -> r.getString(1),
                creatorId,
                period,
                assetId,
                modelId);
    }

    /** Every ledger entry the settlement made besides plain usage: top-ups, bonus, adjustments, holds, payout. */
    private static List<Line> ledgerLines(
            Connection c, String creatorId, String period, String currency, String settlementId) throws SQLException {
        return Queries.list(
                c,
                "SELECT kind, asset_id, amount, ref FROM ledger_entries WHERE creator_id = ? AND period = ? AND currency = ?"
                        + " AND kind <> ? AND (ref = ? OR kind IN (?, ?)) ORDER BY seq FETCH FIRST 10000 ROWS ONLY",
                r -> new Line(
                        r.getString(1),
                        r.getString(2),
                        null,
                        List.of(),
                        0,
                        0,
                        Money.plain(r.getBigDecimal(3)),
                        currency,
                        r.getString(4)),
                creatorId,
                period,
                currency,
                LedgerLine.EARNED,
                settlementId,
                LedgerLine.DISPUTE_HOLD,
                LedgerLine.PAYOUT_RETURNED);
    }

    /**
     * The canonical form of a line for the digest: its fields joined with {@code |} — kind, asset id,
     * model id, receipt ids joined with {@code ,}, events, tokens, amount (plain decimal, no
     * trailing zeros, "0" for zero), currency, ref — empty where absent, UTF-8, one line per
     * statement line with {@code \n} after each. The digest is lowercase hex SHA-256 of all lines.
     */
    public static String canonicalLine(Line line) {
        return String.join(
                        "|",
                        line.kind(),
                        nullToEmpty(line.assetId()),
                        nullToEmpty(line.modelId()),
                        String.join(",", line.receiptIds()),
                        Long.toString(line.events()),
                        Long.toString(line.tokens()),
                        Money.plain(line.amount()).toPlainString(),
                        line.currency(),
                        nullToEmpty(line.ref()))
                + "\n";
    }

    static String digest(List<Line> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Line line : lines) {
                sha.update(canonicalLine(line).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
