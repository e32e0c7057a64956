package com.royaltydesk.platform.testutil;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.DatabaseLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The database the platform tests run on. H2 in each test's data dir by default; with
 * {@code -Drdk.test.db=postgresql} (the build's second test run) every data dir gets its own fresh
 * PostgreSQL database instead, so the same tests prove the same behaviour on both engines.
 *
 * <p>The server is {@code RDK_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}) with
 * {@code RDK_TEST_PG_USER} / {@code RDK_TEST_PG_PASSWORD} (default rdk / rdk), a role allowed to
 * create databases. When it cannot be reached the tests are skipped with a message saying so
 * ({@link PostgresAvailable}), unless {@code RDK_REQUIRE_POSTGRES=1} (set by CI), which makes that a
 * failure instead.
 */
public final class TestDatabase {

    private static final Set<String> CREATED = new LinkedHashSet<>();
    private static String reachability;
    /** An empty database with every migration applied, copied for each data dir (this JVM's own). */
    private static String template;

    private static final String TEMPLATE_PREFIX = "rdk_test_template_";

    private TestDatabase() {}

    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("rdk.test.db"));
    }

    /** The config with its default H2 database swapped for this data dir's PostgreSQL database, when on PostgreSQL. */
    public static PlatformConfig adapt(PlatformConfig config) {
        if (!onPostgres() || !config.jdbcUrl().equals(PlatformConfig.defaultJdbcUrl(config.dataDir()))) {
            return config;
        }
        return config.withDatabase(serverUrl() + databaseFor(config.dataDir()), login());
    }

    /** Flags for a platform started as its own process on {@code dataDir}; none on H2. */
    public static List<String> processFlags(Path dataDir) {
        List<String> flags = new ArrayList<>();
        if (onPostgres()) {
            flags.add("--jdbc-url");
            flags.add(serverUrl() + databaseFor(dataDir));
        }
        return flags;
    }

    /** Gives a platform process the database login through its environment, as the README says to. */
    public static ProcessBuilder withLogin(ProcessBuilder process) {
        if (onPostgres()) {
            process.environment().put("RDK_JDBC_USER", login().user());
            process.environment().put("RDK_JDBC_PASSWORD", login().password());
        }
        return process;
    }

    public static DatabaseLogin login() {
        return new DatabaseLogin(env("RDK_TEST_PG_USER", "rdk"), env("RDK_TEST_PG_PASSWORD", "rdk"));
    }

    /** The PostgreSQL URL of {@code dataDir}'s database, for tests that start several instances on it. */
    public static String postgresUrl(Path dataDir) {
        return serverUrl() + databaseFor(dataDir);
    }

    /** Skips the calling test with a clear message unless the tests run on PostgreSQL. */
    public static void assumePostgres() {
        Assumptions.assumeTrue(
                onPostgres(),
                "needs PostgreSQL: runs in the build's PostgreSQL test run (-Drdk.test.db=postgresql), skipped on H2");
    }

    private static String serverUrl() {
        String url = env("RDK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        return url.endsWith("/") ? url : url + "/";
    }

    /** One database per data dir, created empty the first time that dir is used in this run. */
    private static synchronized String databaseFor(Path dataDir) {
        String name = "rdk_test_"
                + sha256(dataDir.toAbsolutePath().normalize().toString()).substring(0, 20);
        if (CREATED.add(name)) {
            if (CREATED.size() == 1) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "drop-test-databases"));
            }
            try (Connection admin = admin();
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template(statement));
            } catch (SQLException e) {
                CREATED.remove(name);
                throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
            }
        }
        return name;
    }

    /**
     * This JVM's template: created and migrated the first time a database is asked for, so each
     * test's database starts as a copy of it and the platform finds its schema current (Flyway is
     * skipped, as on any restart) instead of migrating again — about a third of a start on PostgreSQL.
     */
    private static String template(Statement admin) throws SQLException {
        if (template == null) {
            dropTemplatesOfGoneRuns(admin);
            String name = TEMPLATE_PREFIX + ProcessHandle.current().pid();
            CREATED.add(name);
            admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin.execute("CREATE DATABASE " + name);
            // Opening migrates; closing leaves no connection, which a template may not have when copied.
            Database.open(serverUrl() + name, login()).close();
            template = name;
        }
        return template;
    }

    /** A run killed before its exit hook leaves its template behind; no live process has that pid. */
    private static void dropTemplatesOfGoneRuns(Statement admin) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (var rows =
                admin.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + TEMPLATE_PREFIX + "%'")) {
            while (rows.next()) {
                String pid = rows.getString(1).substring(TEMPLATE_PREFIX.length());
                if (pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    gone.add(rows.getString(1));
                }
            }
        }
        for (String name : gone) {
            admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static boolean postgresRequired() {
        return "1".equals(System.getenv("RDK_REQUIRE_POSTGRES"));
    }

    /** Why the PostgreSQL server cannot be used, or null when it answers; asked once per run. */
    static synchronized String unreachableReason() {
        if (reachability == null) {
            try (Connection ignored = admin()) {
                reachability = "";
            } catch (SQLException e) {
                reachability = "PostgreSQL is not reachable at " + serverUrl() + " as " + login().user() + " ("
                        + e.getMessage() + "). Start it (README, \"PostgreSQL\") or run the tests without"
                        + " -Drdk.test.db=postgresql.";
            }
        }
        return reachability.isEmpty() ? null : reachability;
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(serverUrl() + "postgres", login().user(), login().password());
    }

    private static synchronized void dropAll() {
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException | RuntimeException e) {
            // Best effort at exit: a leftover database is dropped by the next run that uses its name.
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
