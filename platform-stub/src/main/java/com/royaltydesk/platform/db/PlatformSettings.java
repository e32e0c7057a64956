package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The {@code platform_settings} table: named values the platform sets once, on the caller's connection. */
public final class PlatformSettings {

    private PlatformSettings() {}

    /** The setting's value, its row locked until the transaction ends; null when it is not set. */
    public static String lockedValue(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT setting_value FROM platform_settings WHERE setting_name = ? FOR UPDATE")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    public static void insert(Connection connection, String name, String value, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO platform_settings (setting_name, setting_value, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.setTimestamp(3, Jdbc.timestamp(at));
            insert.executeUpdate();
        }
    }
}
