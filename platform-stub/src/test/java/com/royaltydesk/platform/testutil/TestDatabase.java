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

    private static final String DATABASE_PREFIX = "rdk_test_";
    private static final String TEMPLATE_PREFIX = DATABASE_PREFIX + "template_";

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

    /**
     * One database per data dir, created empty the first time that dir is used in this run. Named
     * with this JVM's pid: none is dropped at exit — dropping ~130 databases one by one (each waits
     * for a checkpoint) outlasted Surefire's 30 s for a fork to exit — but by the next test JVM,
     * once this one is gone ({@link #dropDatabasesOfGoneRuns}). CI's server is thrown away anyway.
     */
    private static synchronized String databaseFor(Path dataDir) {
        String name = DATABASE_PREFIX + ProcessHandle.current().pid() + "_"
                + sha256(dataDir.toAbsolutePath().normalize().toString()).substring(0, 16);
        if (CREATED.add(name)) {
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
            Thread dropper = new Thread(TestDatabase::dropDatabasesOfGoneRuns, "drop-databases-of-gone-test-runs");
            dropper.setDaemon(true);
            dropper.start();
            String name = TEMPLATE_PREFIX + ProcessHandle.current().pid();
            admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin.execute("CREATE DATABASE " + name);
            // Opening migrates; closing leaves no connection, which a template may not have when copied.
            Database.open(serverUrl() + name, login()).close();
            template = name;
        }
        return template;
    }

    /**
     * Drops the templates and databases of test JVMs that no longer run (their pid is gone), in the
     * background: a JVM that ends first leaves the rest to the next. Names from before the pid was
     * part of them (no pid) are dropped too.
     */
    private static void dropDatabasesOfGoneRuns() {
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            List<String> gone = new ArrayList<>();
            try (var rows = statement.executeQuery(
                    "SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (ownerIsGone(name)) {
                        gone.add(name);
                    }
                }
            }
            for (String name : gone) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException | RuntimeException e) {
            // Best effort: what is left is dropped by a later run.
        }
    }

    /** {@code rdk_test_template_<pid>} or {@code rdk_test_<pid>_<hash>}: true when no process has that pid. */
    static boolean ownerIsGone(String name) {
        String pid;
        if (name.startsWith(TEMPLATE_PREFIX)) {
            pid = name.substring(TEMPLATE_PREFIX.length());
        } else {
            String rest = name.substring(DATABASE_PREFIX.length());
            int end = rest.indexOf('_');
            pid = end < 0 ? "" : rest.substring(0, end);
        }
        if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
            return true; // named before pids were part of the name
        }
        return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
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
