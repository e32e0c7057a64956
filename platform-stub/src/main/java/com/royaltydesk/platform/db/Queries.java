package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Read queries without the JDBC ceremony: bind parameters in order, map each row, close everything. */
public final class Queries {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Queries() {}

    /** Runs {@code sql} (which must carry its own row limit) with {@code params} and maps every row. */
    public static <T> List<T> list(DataSource dataSource, String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Runs {@code sql} (without a row limit of its own) for at most {@code max} rows; when there
     * are more, throws what {@code overLimit} makes instead of cutting the list short.
     */
    public static <T> List<T> listAtMost(
            Connection connection,
            String sql,
            int max,
            Supplier<? extends RuntimeException> overLimit,
            RowMapper<T> mapper,
            Object... params)
            throws SQLException {
        List<T> rows = list(connection, sql + " FETCH FIRST " + (max + 1) + " ROWS ONLY", mapper, params);
        if (rows.size() > max) {
            throw overLimit.get();
        }
        return rows;
    }

    /** {@link #listAtMost(Connection, String, int, Supplier, RowMapper, Object...)} on its own connection. */
    public static <T> List<T> listAtMost(
            DataSource dataSource,
            String sql,
            int max,
            Supplier<? extends RuntimeException> overLimit,
            RowMapper<T> mapper,
            Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return listAtMost(connection, sql, max, overLimit, mapper, params);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The same on a connection the caller holds (inside its transaction). */
    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        }
    }
}
