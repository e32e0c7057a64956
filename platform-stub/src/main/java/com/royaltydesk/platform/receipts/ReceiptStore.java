package com.royaltydesk.platform.receipts;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.db.Queries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Receipts on the {@code receipts} table. Receipts are never updated or deleted. */
public final class ReceiptStore {

    private static final String COLUMNS =
            "receipt_id, log_index, leaf_hash, creator_id, dataset_id, model_id, artifact_hash,"
                    + " portion_used, license, kid, alg, receipt_jwt, sandbox, issued_at, expires_at";

    private final DataSource dataSource;

    public ReceiptStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Two lookups, each by its own index. Written as one {@code WHERE receipt_id = ? OR log_index = ?}
     * H2 read the whole table instead, so putting back n journaled receipts read the table n times:
     * a rebuild from the journals with 31,926 receipts spent minutes here (BENCHMARKS.md, "Crash
     * rounds", session 21). {@code ReceiptStoreTest} holds the plan to the indexes.
     */
    static final String EXISTS = "SELECT 1 FROM receipts WHERE receipt_id = ?"
            + " UNION ALL SELECT 1 FROM receipts WHERE log_index = ? FETCH FIRST 1 ROWS ONLY";

    /** Whether this receipt, or any receipt at this log index, is stored. */
    public boolean exists(Connection connection, String receiptId, long logIndex) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EXISTS)) {
            select.setString(1, receiptId);
            select.setLong(2, logIndex);
            try (java.sql.ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    public void insert(Connection connection, Receipt r) throws SQLException {
        insertAll(connection, List.of(r));
    }

    /** Inserts the receipts in one JDBC batch. */
    public void insertAll(Connection connection, List<Receipt> all) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO receipts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Receipt r : all) {
                bind(insert, r);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement insert, Receipt r) throws SQLException {
        insert.setString(1, r.receiptId());
        insert.setLong(2, r.logIndex());
        insert.setString(3, r.leafHash());
        insert.setString(4, r.creatorId());
        insert.setString(5, r.datasetId());
        insert.setString(6, r.modelId());
        insert.setString(7, r.artifactHash());
        insert.setBigDecimal(8, r.portionUsed());
        insert.setString(9, r.license());
        insert.setString(10, r.kid());
        insert.setString(11, r.alg());
        insert.setString(12, r.receiptJwt());
        insert.setBoolean(13, r.sandbox());
        insert.setTimestamp(14, Jdbc.timestamp(r.issuedAt()));
        insert.setTimestamp(15, Jdbc.timestamp(r.expiresAt()));
    }

    public Optional<Receipt> find(String receiptId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT " + COLUMNS + " FROM receipts WHERE receipt_id = ?")) {
            select.setString(1, receiptId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public List<Receipt> list(ReceiptQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM receipts WHERE log_index > ?");
        List<String> params = new ArrayList<>();
        addFilter(sql, params, "creator_id", query.creatorId());
        addFilter(sql, params, "model_id", query.modelId());
        addFilter(sql, params, "dataset_id", query.datasetId());
        sql.append(" ORDER BY log_index LIMIT ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int i = 1;
            select.setLong(i++, query.afterIndex());
            for (String param : params) {
                select.setString(i++, param);
            }
            select.setInt(i, query.limit());
            List<Receipt> receipts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    receipts.add(read(rows));
                }
            }
            return receipts;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** How many receipts name each of {@code datasetIds} (an asset's id is its dataset id); absent means none. */
    public Map<String, Long> countsByDataset(List<String> datasetIds) {
        if (datasetIds.isEmpty()) {
            return Map.of();
        }
        String sql = countsByDatasetSql(datasetIds.size());
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row :
                Queries.list(dataSource, sql, r -> new Object[] {r.getString(1), r.getLong(2)}, datasetIds.toArray())) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** Counts for {@code assets} datasets; read through {@code receipts_by_dataset} (V13), never every receipt. */
    static String countsByDatasetSql(int assets) {
        return "SELECT dataset_id, COUNT(*) FROM receipts WHERE dataset_id IN ("
                + String.join(", ", java.util.Collections.nCopies(assets, "?"))
                + ") GROUP BY dataset_id";
    }

    private static void addFilter(StringBuilder sql, List<String> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static Receipt read(ResultSet row) throws SQLException {
        return new Receipt(
                row.getString("receipt_id"),
                row.getLong("log_index"),
                row.getString("leaf_hash"),
                row.getString("creator_id"),
                row.getString("dataset_id"),
                row.getString("model_id"),
                row.getString("artifact_hash"),
                row.getBigDecimal("portion_used").stripTrailingZeros(),
                row.getString("license"),
                row.getString("kid"),
                row.getString("alg"),
                row.getString("receipt_jwt"),
                row.getBoolean("sandbox"),
                Jdbc.instant(row.getTimestamp("issued_at")),
                Jdbc.instant(row.getTimestamp("expires_at")));
    }
}
