package com.royaltydesk.platform.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link AssetStore} on the {@code assets} table; the price model is kept as canonical JSON. */
public final class JdbcAssetStore implements AssetStore {

    private static final String COLUMNS =
            "asset_id, seq, creator_id, name, description, license, price_model, sha256, blake3,"
                    + " size_bytes, upload_status, created_at, uploaded_at";

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final ObjectMapper mapper;

    public JdbcAssetStore(DataSource dataSource, Jdbc jdbc, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @Override
    public void insert(Asset asset) {
        jdbc.inTransaction(connection -> {
            insert(connection, asset);
            return null;
        });
    }

    @Override
    public void insert(Connection connection, Asset asset) throws SQLException {
        String sql =
                "INSERT INTO assets (asset_id, creator_id, name, description, license, price_model, sha256, blake3,"
                        + " size_bytes, upload_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, asset.assetId());
            insert.setString(2, asset.creatorId());
            insert.setString(3, asset.name());
            insert.setString(4, asset.description());
            insert.setString(5, asset.license());
            insert.setString(6, mapper.writeValueAsString(asset.priceModel()));
            insert.setString(7, asset.sha256());
            insert.setString(8, asset.blake3());
            if (asset.sizeBytes() == null) {
                insert.setNull(9, java.sql.Types.BIGINT);
            } else {
                insert.setLong(9, asset.sizeBytes());
            }
            insert.setString(10, asset.uploadStatus());
            insert.setTimestamp(11, Jdbc.timestamp(asset.createdAt()));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("price model not serialisable", e);
        }
    }

    @Override
    public Optional<Asset> find(String assetId) {
        return queryOne("SELECT " + COLUMNS + " FROM assets WHERE asset_id = ?", assetId);
    }

    @Override
    public Optional<Asset> findByProvenSha256(String sha256) {
        return queryOne("SELECT " + COLUMNS + " FROM assets WHERE proven_sha256 = ?", sha256);
    }

    @Override
    public List<Asset> list(String creatorId, long afterSeq, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM assets WHERE seq > ?"
                + (creatorId == null ? "" : " AND creator_id = ?") + " ORDER BY seq LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setLong(i++, afterSeq);
            if (creatorId != null) {
                select.setString(i++, creatorId);
            }
            select.setInt(i, limit);
            List<Asset> assets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    assets.add(read(rows));
                }
            }
            return assets;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public void markProven(String assetId, String sha256, long sizeBytes, Instant at) {
        jdbc.inTransaction(connection -> {
            markProven(connection, assetId, sha256, sizeBytes, at);
            return null;
        });
    }

    @Override
    public void markProven(Connection connection, String assetId, String sha256, long sizeBytes, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE assets SET upload_status = ?,"
                + " uploaded_at = ?, sha256 = ?, proven_sha256 = ?, size_bytes = ? WHERE asset_id = ?")) {
            update.setString(1, Asset.VERIFIED);
            update.setTimestamp(2, Jdbc.timestamp(at));
            update.setString(3, sha256);
            update.setString(4, sha256);
            update.setLong(5, sizeBytes);
            update.setString(6, assetId);
            update.executeUpdate();
        }
    }

    private Optional<Asset> queryOne(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public void setPriceChange(String assetId, PriceChange change) {
        jdbc.inTransaction(connection -> {
            setPriceChange(connection, assetId, change);
            return null;
        });
    }

    @Override
    public void setPriceChange(Connection connection, String assetId, PriceChange change) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM asset_price_changes WHERE asset_id = ? AND effective_period = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO asset_price_changes"
                        + " (asset_id, effective_period, price_model, created_at) VALUES (?, ?, ?, ?)")) {
            delete.setString(1, assetId);
            delete.setString(2, change.effectiveFrom());
            delete.executeUpdate();
            insert.setString(1, assetId);
            insert.setString(2, change.effectiveFrom());
            insert.setString(3, mapper.writeValueAsString(change.priceModel()));
            insert.setTimestamp(4, Jdbc.timestamp(change.createdAt()));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a price model always serializes", e);
        }
    }

    @Override
    public List<PriceChange> priceChanges(String assetId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT effective_period, price_model,"
                        + " created_at FROM asset_price_changes WHERE asset_id = ? ORDER BY effective_period")) {
            select.setString(1, assetId);
            List<PriceChange> changes = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    changes.add(new PriceChange(
                            row.getString(1).trim(),
                            mapper.readValue(row.getString(2), PriceModel.class),
                            Jdbc.instant(row.getTimestamp(3))));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored price model is not valid JSON", e);
        }
    }

    private Asset read(ResultSet row) throws SQLException {
        try {
            return new Asset(
                    row.getString("asset_id"),
                    row.getLong("seq"),
                    row.getString("creator_id"),
                    row.getString("name"),
                    row.getString("description"),
                    row.getString("license"),
                    mapper.readValue(row.getString("price_model"), PriceModel.class),
                    row.getString("sha256"),
                    row.getString("blake3"),
                    row.getObject("size_bytes") == null ? null : row.getLong("size_bytes"),
                    row.getString("upload_status"),
                    Jdbc.instant(row.getTimestamp("created_at")),
                    Jdbc.instant(row.getTimestamp("uploaded_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored price model is not valid JSON", e);
        }
    }
}
