package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start with nothing to migrate skips Flyway; every other start still goes through it. */
class SchemaVersionTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @TempDir
    Path dataDir;

    private PlatformConfig config() {
        return TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
    }

    private Database open() {
        PlatformConfig config = config();
        return Database.open(config.jdbcUrl(), config.databaseLogin());
    }

    @Test
    void newest_namesTheHighestMigrationShipped() throws Exception {
        URL folder = SchemaVersion.class.getClassLoader().getResource(SchemaVersion.MIGRATIONS);
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            int highest = Stream.concat(
                            files.map(file ->
                                            VERSIONED.matcher(file.getFileName().toString()))
                                    .filter(Matcher::matches)
                                    .map(matcher -> Integer.parseInt(matcher.group(1))),
                            Migrations.IN_JAVA.stream()
                                    .map(m -> Integer.parseInt(m.getVersion().getVersion())))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(SchemaVersion.NEWEST).isEqualTo(Integer.toString(highest));
        }
    }

    @Test
    void open_newDatabase_migratedToNewest() throws Exception {
        try (Database database = open()) {
            assertThat(SchemaVersion.isNewest(database.dataSource())).isTrue();
            assertThat(lastApplied(database)).isEqualTo(SchemaVersion.NEWEST);
        }
    }

    @Test
    void open_databaseAlreadyNewest_doesNotRunFlyway() throws Exception {
        try (Database database = open()) {
            // A checksum Flyway would refuse to start with: proof below that Flyway is not asked.
            execute(database, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");
            assertThatThrownBy(() -> flyway(database).validate()).hasMessageContaining("checksum");
        }

        try (Database reopened = open()) {
            assertThat(lastApplied(reopened)).isEqualTo(SchemaVersion.NEWEST);
        }
    }

    @Test
    void open_olderDatabase_flywayAppliesTheRest() throws Exception {
        try (Database database = open()) {
            // The database as V16 left it.
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                LeanUsageEventsTest.undoVersion17(s);
            }
            assertThat(SchemaVersion.isNewest(database.dataSource())).isFalse();
        }

        try (Database reopened = open()) {
            assertThat(lastApplied(reopened)).isEqualTo(SchemaVersion.NEWEST);
            try (Connection c = reopened.dataSource().getConnection();
                    ResultSet batches = c.createStatement().executeQuery("SELECT COUNT(*) FROM usage_batches")) {
                assertThat(batches.next())
                        .as("V17 ran again: its table is back")
                        .isTrue();
            }
        }
    }

    @Test
    void isNewest_failedLastMigration_false() throws Exception {
        try (Database database = open()) {
            execute(
                    database,
                    "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                            + SchemaVersion.NEWEST + "'");

            assertThat(SchemaVersion.isNewest(database.dataSource())).isFalse();
        }
    }

    private static Flyway flyway(Database database) {
        return Migrations.flyway(database.dataSource());
    }

    private static String lastApplied(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
