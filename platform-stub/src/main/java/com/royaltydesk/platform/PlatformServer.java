package com.royaltydesk.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.backup.AutomaticBackups;
import com.royaltydesk.platform.backup.Backups;
import com.royaltydesk.platform.backup.DatabaseRebuild;
import com.royaltydesk.platform.db.DamagedDatabaseException;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.H2FileCheck;
import com.royaltydesk.platform.db.TrustedPages;
import com.royaltydesk.platform.db.UnopenableDatabase;
import com.royaltydesk.platform.http.BrowserAccess;
import com.royaltydesk.platform.http.Errors;
import com.royaltydesk.platform.http.Json;
import com.royaltydesk.platform.http.Routes;
import com.royaltydesk.platform.journal.JournalMarks;
import com.royaltydesk.platform.journal.JournalsAtStop;
import com.royaltydesk.platform.journal.JournalsFromTheStart;
import com.royaltydesk.platform.keys.PlatformKeyBootstrap;
import com.royaltydesk.platform.log.CheckpointStore;
import com.royaltydesk.platform.log.ReceiptLog;
import com.royaltydesk.platform.receipts.KeyPurpose;
import com.royaltydesk.platform.sandbox.DemoHistory;
import com.royaltydesk.platform.sandbox.SandboxClock;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running platform: the database, migrated, and the HTTP server on its port. Built from a {@link
 * PlatformConfig}; used alone by {@link Main}, in-process by the desktop app, and by tests on port 0.
 */
public final class PlatformServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformServer.class);

    private final PlatformConfig config;
    private final Database database;
    private final Javalin javalin;
    private final List<Routes.Route> routes;
    private final PlatformServices services;
    private final JournalsAtStop journalsAtStop;
    private final AutomaticBackups automaticBackups;
    /** On the data folder's own H2 file: what a start after a kill need not read again; null otherwise. */
    private final TrustedPages trustedPages;

    private final Optional<String> rebuilt;
    private final Optional<DemoHistory.Summary> demoHistory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PlatformServer(
            PlatformConfig config,
            Database database,
            Javalin javalin,
            List<Routes.Route> routes,
            PlatformServices services,
            JournalsAtStop journalsAtStop,
            AutomaticBackups automaticBackups,
            TrustedPages trustedPages,
            Optional<String> rebuilt,
            Optional<DemoHistory.Summary> demoHistory) {
        this.demoHistory = demoHistory;
        this.trustedPages = trustedPages;
        this.journalsAtStop = journalsAtStop;
        this.automaticBackups = automaticBackups;
        this.rebuilt = rebuilt;
        this.config = config;
        this.database = database;
        this.javalin = javalin;
        this.routes = routes;
        this.services = services;
    }

    /** Opens the database, applies migrations and starts serving; returns once the port is bound. */
    public static PlatformServer start(PlatformConfig config) {
        Objects.requireNonNull(config, "config");
        createDataDir(config);
        ObjectMapper json = Json.mapper();
        // A sandbox's clock can be set back while its demo history is made; a live platform's cannot.
        SandboxClock sandboxClock = config.sandbox() ? new SandboxClock(Clock.systemUTC()) : null;
        Replayed replayed = applyJournals(
                config, openDatabase(config), json, sandboxClock == null ? Clock.systemUTC() : sandboxClock);
        Opened opened = replayed.opened();
        Database database = opened.database();
        try {
            PlatformServices services = replayed.services();
            JournalReplay.Restored restored = replayed.restored();
            Optional<String> rebuilt = opened.rebuilt()
                    .map(r -> checkedRebuild(config, database, services, r)
                            .words(restored.receipts(), restored.events(), restored.changes()));
            // What H2 now holds is recorded in H2 itself: the next start replays from what its file
            // kept, never from what this start believed it wrote (decision 0017, journal marks).
            recordJournalMarks(services);
            long freed = services.backups().removeUnfinished();
            if (freed > 0) {
                LOG.warn("removed the files of backups a stop had cut short ({} bytes)", freed);
            }
            // A new sandbox with demo history lives its year before it serves anyone: the clock goes
            // back before its keys are made, so their windows cover every receipt of that year.
            DemoHistory history =
                    config.demoHistory() && !services.sandboxBootstrap().isDone()
                            ? new DemoHistory(services, sandboxClock)
                            : null;
            if (history != null) {
                history.travelToItsStart();
            }
            // Keys exist before the first request, so the JWKS a verifier fetches already lists the
            // key of every checkpoint and receipt that follows (until a rotation).
            services.signingKeys().active(KeyPurpose.RECEIPTS);
            Optional<DemoHistory.Summary> madeHistory = Optional.empty();
            if (config.sandbox()) {
                services.signingKeys().active(KeyPurpose.SANDBOX);
                services.sandboxBootstrap().runOnce(config.dataDir());
                if (history != null) {
                    madeHistory = Optional.of(history.make());
                }
            } else {
                new PlatformKeyBootstrap(services.jdbc(), services.keys()).runOnce(config.dataDir());
            }
            List<Routes.Route> routes = new ArrayList<>();
            Javalin javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.startup.showOldJavalinVersionWarning = false;
                javalinConfig.http.maxRequestSize = PlatformConfig.MAX_REQUEST_BYTES;
                javalinConfig.http.prefer405over404 = true;
                javalinConfig.http.defaultContentType = "application/json; charset=utf-8";
                javalinConfig.jsonMapper(new JavalinJackson(json, false));
                BrowserAccess.install(javalinConfig, config);
                Errors.installBeforeJavalin(javalinConfig);
                Errors.install(javalinConfig, () -> {
                    if (UnopenableDatabase.isOwnFile(config.jdbcUrl(), config.dataDir())) {
                        H2FileCheck.checkAtNextStart(config.dataDir());
                    }
                });
                routes.addAll(Routes.install(javalinConfig, services));
            });
            javalin.start(config.host(), config.port());
            if (config.sandbox()) {
                String host = config.host().equals("0.0.0.0") ? PlatformConfig.DEFAULT_HOST : config.host();
                services.webhooks().pointSandboxSinkAt("http://" + host + ":" + javalin.port());
            }
            services.webhookDispatcher().start();
            // Only a platform on its own H2 file (the one with journals) backs itself up: PostgreSQL has pg_dump.
            AutomaticBackups automaticBackups = new AutomaticBackups(
                    services.backups(),
                    services.usageJournal() == null ? java.time.Duration.ZERO : config.backupEvery(),
                    Clock.systemUTC());
            automaticBackups.start();
            TrustedPages trustedPages = null;
            if (UnopenableDatabase.isOwnFile(config.jdbcUrl(), config.dataDir())) {
                H2FileCheck.running(config.dataDir());
                trustedPages = new TrustedPages(database.dataSource());
                trustedPages.observeWhileServing();
            }
            JournalsAtStop journalsAtStop = null;
            if (services.journalMarks() != null) {
                services.journalMarks().recordWhileServing(JournalMarks.EVERY);
                journalsAtStop = new JournalsAtStop(
                        () -> {
                            services.journalMarks().close();
                            recordJournalMarks(services);
                        },
                        List.of(services.changeJournal(), services.receiptJournal(), services.usageJournal()));
            }
            return new PlatformServer(
                    config,
                    database,
                    javalin,
                    List.copyOf(routes),
                    services,
                    journalsAtStop,
                    automaticBackups,
                    trustedPages,
                    rebuilt,
                    madeHistory);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** How far H2 holds each journal, written into H2 and made durable (PostgreSQL has no journals). */
    private static void recordJournalMarks(PlatformServices services) {
        if (services.journalMarks() != null) {
            services.journalMarks().record();
            services.jdbc().makeDurable();
        }
    }

    /** The database, and the rebuild that made it when the file was damaged. */
    private record Opened(Database database, Optional<DatabaseRebuild.Rebuilt> rebuilt) {}

    /** The opened database with its services, once the journals are applied to it. */
    private record Replayed(Opened opened, PlatformServices services, JournalReplay.Restored restored) {}

    /**
     * Applies the journals to the opened database. Damage H2's open did not report can surface
     * here, when the start's own writes meet it (an index entry whose row is gone, after a kill):
     * then the file is treated as unopenable — closed, moved aside, rebuilt — and the journals are
     * applied to the rebuilt one. A rebuilt database that fails here is not rebuilt again.
     */
    private static Replayed applyJournals(PlatformConfig config, Opened opened, ObjectMapper json, Clock clock) {
        PlatformServices services;
        try {
            services = PlatformServices.create(config, opened.database(), json, clock);
        } catch (RuntimeException e) {
            opened.database().close();
            throw e;
        }
        try {
            JournalReplay.Restored restored = JournalReplay.apply(services, opened.database());
            if (services.journalMarks() != null && opened.rebuilt().isEmpty()) {
                requireWholeReceiptLog(opened.database());
            }
            return new Replayed(opened, services, restored);
        } catch (RuntimeException e) {
            boolean rebuildable = opened.rebuilt().isEmpty()
                    && UnopenableDatabase.isOwnFile(config.jdbcUrl(), config.dataDir())
                    && UnopenableDatabase.isDamageFoundAtStart(e);
            closeJournals(services);
            opened.database().close();
            if (!rebuildable) {
                throw e;
            }
            LOG.warn(
                    "the database failed while the journals were applied to it, as a damaged file does: {}",
                    UnopenableDatabase.h2Says(e));
            return applyJournals(config, rebuild(config, e), json, clock);
        }
    }

    /**
     * Every receipt the log's head counts is there once the journals are applied — else the file
     * lost what no journal record says to bring back (crash run seed 46 served such a log with a hole
     * and failed on its first checkpoint request). That is damage: the file is moved aside and
     * rebuilt, and the rebuild is checked again (counts and the newest signed checkpoint's root).
     */
    private static void requireWholeReceiptLog(Database database) {
        ReceiptLog.shape(database.dataSource()).problem().ifPresent(problem -> {
            throw new DamagedDatabaseException(problem.replaceFirst("^its", "after the journals were applied, the")
                    + ": receipts are missing from the log");
        });
    }

    private static void closeJournals(PlatformServices services) {
        for (AutoCloseable journal : Arrays.asList(
                services.journalMarks(),
                services.changeJournal(),
                services.receiptJournal(),
                services.usageJournal())) {
            try {
                if (journal != null) {
                    journal.close();
                }
            } catch (Exception closing) {
                LOG.warn("a journal did not close cleanly: {}", closing.toString());
            }
        }
    }

    /**
     * Opens the database. A damaged H2 file of this data folder is moved aside and rebuilt from the
     * newest backup and the journals; with nothing to rebuild from, the start is refused in words
     * until someone decides (decision 0017).
     */
    private static Opened openDatabase(PlatformConfig config) {
        boolean ownFile = UnopenableDatabase.isOwnFile(config.jdbcUrl(), config.dataDir());
        if (ownFile) {
            UnopenableDatabase.refuseWhileSetAside(config.dataDir());
        }
        boolean firstStart = ownFile
                && JournalsFromTheStart.isFirstStart(config.dataDir(), UnopenableDatabase.file(config.dataDir()));
        try {
            H2FileCheck.Scope check = ownFile ? H2FileCheck.scopeAtStart(config.dataDir()) : H2FileCheck.Scope.NONE;
            Database database = Database.open(config.jdbcUrl(), config.databaseLogin(), check);
            if (firstStart) {
                JournalsFromTheStart.note(config.dataDir());
            }
            return new Opened(database, Optional.empty());
        } catch (RuntimeException e) {
            if (!ownFile || !UnopenableDatabase.isDamage(e)) {
                throw e;
            }
            return rebuild(config, e);
        }
    }

    /**
     * Moves the damaged file aside and rebuilds it from the newest backup and the journals, or from
     * the journals alone; refuses the start in words when neither is possible.
     */
    private static Opened rebuild(PlatformConfig config, RuntimeException e) {
        Path aside = UnopenableDatabase.moveAside(config.dataDir(), e, Instant.now());
        String h2Said = UnopenableDatabase.h2Says(e);
        Optional<DatabaseRebuild.Rebuilt> rebuilt = DatabaseRebuild.fromNewestBackup(config.dataDir(), aside, h2Said)
                .or(() -> DatabaseRebuild.fromTheJournalsAlone(config.dataDir(), aside, h2Said));
        if (rebuilt.isEmpty()) {
            throw UnopenableDatabase.refuse(
                    config.dataDir(),
                    aside,
                    e,
                    "There is no backup in " + config.dataDir().resolve("backups")
                            + " that the journals can bring up to date, and the journals do not reach back"
                            + " to the first start.");
        }
        return new Opened(Database.open(config.jdbcUrl(), config.databaseLogin()), rebuilt);
    }

    /** The rebuild, once the journals are applied and the receipt log checks; the start refused otherwise. */
    private static DatabaseRebuild.Rebuilt checkedRebuild(
            PlatformConfig config, Database database, PlatformServices services, DatabaseRebuild.Rebuilt rebuild) {
        Optional<String> problem = DatabaseRebuild.problem(
                database.dataSource(), new CheckpointStore(database.dataSource(), services.jdbc(), Clock.systemUTC()));
        if (problem.isPresent()) {
            throw UnopenableDatabase.refuse(
                    config.dataDir(),
                    rebuild.movedAside(),
                    new IllegalStateException(rebuild.h2Said()),
                    "It was rebuilt from "
                            + (rebuild.backup() == null ? "the journals alone" : rebuild.backup() + " and the journals")
                            + ", but the result is not to be"
                            + " trusted: " + problem.get() + ". The rebuilt database is left in the folder.");
        }
        return rebuild;
    }

    /**
     * Creates the data dir owner-only — it holds the database with the signing keys — and makes an
     * existing one owner-only too: a folder someone made with loose permissions does not stay so.
     */
    private static void createDataDir(PlatformConfig config) {
        try {
            Files.createDirectories(config.dataDir());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(config.dataDir(), PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
    }

    /** The port actually bound; differs from the configured one when that was 0. */
    public int port() {
        return javalin.port();
    }

    /** Base URL clients use, without a trailing slash, e.g. {@code http://127.0.0.1:51234}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** Every route served, as registered; the OpenAPI test checks the document against it. */
    public List<Routes.Route> routes() {
        return routes;
    }

    /** Writes a consistent backup of this platform's data folder into {@code directory} while it serves. */
    public Backups.Made backup(Path directory) {
        return services.backups().make(directory);
    }

    /** Content uploads running now (each holds one of {@code --max-concurrent-uploads} slots). */
    public int uploadsInFlight() {
        return services.uploadGate().inFlight();
    }

    public PlatformConfig config() {
        return config;
    }

    /**
     * What happened when this start found its database damaged and rebuilt it, in words for the
     * user; empty on every ordinary start.
     */
    public Optional<String> rebuilt() {
        return rebuilt;
    }

    /** What this start made when it was a new sandbox with demo history; empty otherwise. */
    public Optional<DemoHistory.Summary> demoHistory() {
        return demoHistory;
    }

    /** Stops accepting requests, lets in-flight ones and webhook attempts finish, then closes the database. */
    @Override
    public void close() {
        // Closing twice is harmless: the second close returns at once (the app and a test may both stop one).
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            javalin.stop();
            services.webhookDispatcher().close();
            services.metrics().close();
            automaticBackups.close();
            if (trustedPages != null) {
                trustedPages.close();
            }
            if (journalsAtStop != null) {
                journalsAtStop.close();
            }
            services.ingestion().stop();
        } finally {
            database.close();
        }
        if (UnopenableDatabase.isOwnFile(config.jdbcUrl(), config.dataDir())) {
            H2FileCheck.stoppedCleanly(config.dataDir());
        }
    }
}
