package com.royaltydesk.platform.db;

import com.royaltydesk.platform.core.BootId;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The platform's connection pool, migrated to the newest schema before anything uses it. Closing it
 * closes the last connection, which makes H2 write everything out and release the file.
 */
public final class Database implements AutoCloseable {

    /**
     * The URL of the H2 file database in {@code dataDir}. PostgreSQL compatibility mode keeps the
     * migrations portable; DB_CLOSE_ON_EXIT=FALSE leaves closing to our own shutdown, which first
     * drains HTTP requests, so H2's JVM hook cannot close the database under a request still writing.
     * H2 writes commits to the file up to a second later; {@link GroupCommit} makes each acknowledged
     * write durable first, sharing one write among concurrent requests.
     */
    public static String h2FileUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("royaltydesk");
        return "jdbc:h2:file:" + file
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";
    }

    private static final int MAX_POOL_SIZE = 10;

    static {
        // H2 shares equal values read from the file through one cache, hashing every string it
        // reads; the check after an unclean stop spent about a quarter of its time there (37 -> 27 s
        // at 10 million events, BENCHMARKS.md "Dedup beside H2"). Read once by H2 when its engine
        // loads, so set before the first database opens; an explicit -Dh2.objectCache wins.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Opens the pool and applies pending Flyway migrations from {@code db/migration}, skipping
     * Flyway when the database already records the newest migration as applied.
     */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, DatabaseLogin.NONE);
    }

    /**
     * The same with a login. Several instances may open one PostgreSQL database at once: Flyway
     * takes a database lock while it migrates, so one migrates and the others wait and find it done.
     */
    public static Database open(String jdbcUrl, DatabaseLogin login) {
        return open(jdbcUrl, login, H2FileCheck.Scope.NONE);
    }

    /**
     * The same; after a stop that was not clean (H2) the pages {@code check} names are read before
     * anything else, so damage fails the open here (see {@link H2FileCheck}).
     */
    public static Database open(String jdbcUrl, DatabaseLogin login, H2FileCheck.Scope check) {
        boolean afterCrash = check != H2FileCheck.Scope.NONE;
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (login.user() != null) {
            config.setUsername(login.user());
        }
        if (login.password() != null) {
            config.setPassword(login.password());
        }
        config.setPoolName("platform-db");
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (dialect == Dialect.H2) {
                finishInterruptedCommits(dataSource);
                if (afterCrash) {
                    readPages(dataSource, check);
                }
            }
            // Flyway costs about a quarter second of every start (BENCHMARKS.md); a database already
            // at the newest version has nothing for it to do.
            if (!SchemaVersion.isNewest(dataSource)) {
                migrate(dataSource, dialect == Dialect.H2 && afterCrash);
            }
            if (dialect == Dialect.H2 && afterCrash) {
                // After the migrations: an older database about to be migrated lacks the newest tables by right.
                requireEveryTable(dataSource);
            }
            return new Database(dataSource, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** See {@link UnfinishedCommits}: before Flyway or any request touches a row such a commit holds. */
    private static void finishInterruptedCommits(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            int finished = UnfinishedCommits.finish(connection);
            if (finished > 0) {
                org.slf4j.LoggerFactory.getLogger(Database.class)
                        .warn("finished {} commit(s) a crash had interrupted, which H2 left open", finished);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Flyway's migrate. After a stop that was not clean ({@code afterCrash}), a schema history that
     * fails validation is damage (a zeroed page turned a migration into a failed one in the
     * fault-injection runs) — unless it names migrations this program does not have: that is a
     * newer database, not a damaged one. A migration that refused the database before changing
     * anything ({@link MigrationRefused}) leaves no failure recorded, so the version before still runs.
     */
    private static void migrate(DataSource dataSource, boolean afterCrash) {
        try {
            Migrations.flyway(dataSource).migrate();
        } catch (org.flywaydb.core.api.exception.FlywayValidateException e) {
            String message = String.valueOf(e.getMessage());
            if (afterCrash && !message.contains("not resolved locally")) {
                throw new DamagedDatabaseException(
                        "its schema history does not validate: "
                                + message.strip().lines().skip(1).findFirst().orElse(message.strip()),
                        e);
            }
            throw e;
        } catch (org.flywaydb.core.api.FlywayException e) {
            MigrationRefused refused = refusal(e);
            if (refused == null) {
                throw e;
            }
            Migrations.flyway(dataSource).repair(); // removes the failure Flyway recorded on H2
            throw refused;
        }
    }

    private static MigrationRefused refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MigrationRefused refused) {
                return refused;
            }
        }
        return null;
    }

    private static void requireEveryTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            H2FileCheck.requireEveryTable(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Moves every identity counter past its column's rows (H2): after the change journal put rows
     * back with the numbers they had, the counters would hand those numbers out again.
     */
    public int moveIdentityCountersPastRows() {
        try (Connection connection = dataSource.getConnection()) {
            return H2FileCheck.restartIdentitiesPastTheirRows(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static void readPages(DataSource dataSource, H2FileCheck.Scope check) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            OptionalLong trusted = check == H2FileCheck.Scope.UNTRUSTED_PAGES
                    ? TrustedPages.atStart(connection, BootId.current())
                    : OptionalLong.empty();
            H2FileCheck.PagesRead read = H2FileCheck.readPages(connection, trusted);
            int moved = H2FileCheck.restartIdentitiesPastTheirRows(connection);
            if (moved > 0) {
                org.slf4j.LoggerFactory.getLogger(Database.class)
                        .warn("moved {} identity counter(s) H2 had brought back behind their rows", moved);
            }
            org.slf4j.LoggerFactory.getLogger(Database.class)
                    .info(
                            "the last stop was not clean: read {} entries of the database in {} ms{}",
                            read.entries(),
                            (System.nanoTime() - started) / 1_000_000,
                            trusted.isEmpty()
                                    ? " (every page)"
                                    : "; " + read.pagesTrusted() + " pages (each with those below it) in "
                                            + read.chunksTrusted()
                                            + " chunks written before version " + trusted.getAsLong()
                                            + " trusted (their headers read back)");
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The connection pool right now, for the metrics: connections in use, idle, open, and threads waiting for one. */
    public record PoolState(int active, int idle, int total, int waiting) {}

    public PoolState poolState() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolState(0, 0, 0, 0);
        }
        return new PoolState(
                pool.getActiveConnections(),
                pool.getIdleConnections(),
                pool.getTotalConnections(),
                pool.getThreadsAwaitingConnection());
    }

    /** True when a trivial query answers; used by the health check. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
