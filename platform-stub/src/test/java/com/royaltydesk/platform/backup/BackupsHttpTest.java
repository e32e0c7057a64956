package com.royaltydesk.platform.backup;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.db.UnopenableDatabase;
import com.royaltydesk.platform.testutil.Evidence;
import com.royaltydesk.platform.testutil.PlatformProcess;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.verify.ReceiptStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup made while the platform serves, restored by the documented flag into another folder. */
class BackupsHttpTest {

    @TempDir
    Path dir;

    private RunningPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private Path backup() throws Exception {
        var response = platform.json("POST", "/v1/admin/backups", platform.platformKey(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Path.of(RunningPlatform.body(response).path("file").asText());
    }

    @Test
    void backupWhileServing_restoredWithTheFlagElsewhere_sameReceiptsEventsAndKeys() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        platform = RunningPlatform.start(dir.resolve("original"));
        JsonNode receipt = Receipts.record(platform, "m");
        String receiptId = receipt.path("receipt_id").asText();
        platform.json(
                "POST",
                "/v1/usage-events",
                platform.hostKey(),
                Usage.batch("b", 25, "m", receiptId, 10, Instant.now()));

        Path file = backup();

        assertThat(file).exists().hasFileName(file.getFileName().toString());
        assertThat(file.getFileName().toString())
                .startsWith("royaltydesk-backup-")
                .endsWith(".zip");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName))
                    .contains(Backups.SCRIPT, Backups.MANIFEST, "signing-keys.kek", "sandbox-credentials.json");
        }
        String platformKey = platform.platformKey();
        platform.close();
        platform = null;

        Path restoredDir = dir.resolve("restored");
        PlatformProcess restored =
                PlatformProcess.start(restoredDir, dir.resolve("out.txt"), "--restore", file.toString());
        try {
            RunningPlatform client = RunningPlatform.attach(restored.baseUrl());
            assertThat(client.get("/v1/receipts/" + receiptId, platformKey).statusCode())
                    .isEqualTo(200);
            JsonNode report = RunningPlatform.body(client.get(
                    "/v1/usage-report?creator_id=creator_42&period="
                            + com.royaltydesk.platform.usage.Periods.of(Instant.now()),
                    platformKey));
            assertThat(report.at("/line_items/0/events").asLong()).isEqualTo(25);
            // The restored key-encryption key opens the restored keys: the same key signs on.
            JsonNode next = RunningPlatform.body(client.json(
                    "POST",
                    "/v1/proof-of-training",
                    platformKey,
                    Receipts.proofJson("ds_sandbox_demo", "creator_42", "m")));
            assertThat(next.path("kid").asText()).isEqualTo(receipt.path("kid").asText());
            assertThat(Receipts.verify(client, receipt.path("receipt_jwt").asText())
                            .status())
                    .isEqualTo(ReceiptStatus.VERIFIED);
        } finally {
            restored.kill();
        }
    }

    @org.junit.jupiter.api.RepeatedTest(3) // the torn file copy this replaced failed one try in twelve
    void backupDuringIngestion_isOneConsistentMoment() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        platform = RunningPlatform.start(dir.resolve("busy"));
        String receiptId = Receipts.record(platform, "m").path("receipt_id").asText();
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                int batch = 0;
                while (running.get()) {
                    try {
                        if (platform.json(
                                                "POST",
                                                "/v1/usage-events",
                                                platform.hostKey(),
                                                Usage.batch(
                                                        "w" + writer + "-" + batch++,
                                                        200,
                                                        "m",
                                                        receiptId,
                                                        1,
                                                        Instant.now()))
                                        .statusCode()
                                == 200) {
                            acknowledged.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.start();
            writers.add(thread);
        }
        // Some batches stored before the backup, more arriving while it is made: not a fixed sleep,
        // which on two busy cores once ended before the first batch was in (the copy then held none).
        com.royaltydesk.platform.testutil.Eventually.await(
                () -> acknowledged.get() >= 2, java.time.Duration.ofSeconds(60), "two stored batches");
        assertThat(acknowledged.get()).as("batches stored before the backup").isGreaterThanOrEqualTo(2);
        Path file = backup();
        running.set(false);
        for (Thread thread : writers) {
            thread.join();
        }

        Path copy = dir.resolve("copy");
        Backups.restore(file, copy, Instant.now());
        try (Connection c = DriverManager.getConnection(
                        com.royaltydesk.platform.PlatformConfig.defaultJdbcUrl(copy), "", "");
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT (SELECT COUNT(*) FROM usage_events),"
                                + " (SELECT COALESCE(SUM(events), 0) FROM usage_rollups)")) {
            r.next();
            assertThat(r.getLong(1)).isPositive();
            assertThat(r.getLong(2)).as("rollups agree with events: one moment").isEqualTo(r.getLong(1));
        }
    }

    @Test
    void restoreInPlace_theStateOfTheBackup_laterJournaledBatchesNotReplayedOverIt() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        Path folder = dir.resolve("in-place");
        platform = RunningPlatform.start(folder);
        String receiptId = Receipts.record(platform, "m").path("receipt_id").asText();
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("a", 7, "m", receiptId, 1, Instant.now()));
        Path file = backup();
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("b", 5, "m", receiptId, 1, Instant.now()));
        platform.close();
        platform = null;
        // As after a crash: the journal's mark says nothing of it is known to be in the database.
        Files.writeString(folder.resolve("journal/usage/applied-through"), "0");

        Backups.Restored restored = Backups.restore(file, folder, Instant.now());
        platform = RunningPlatform.start(folder);

        JsonNode report = RunningPlatform.body(platform.get(
                "/v1/usage-report?creator_id=creator_42&period="
                        + com.royaltydesk.platform.usage.Periods.of(Instant.now()),
                platform.platformKey()));
        assertThat(report.at("/line_items/0/events").asLong())
                .as("as at the backup")
                .isEqualTo(7);
        assertThat(restored.setAside()).anyMatch(p -> p.getFileName().toString().startsWith("journal.before-restore-"));
    }

    @Test
    void damagedBackup_refusedBeforeAnythingChanges() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        platform = RunningPlatform.start(dir.resolve("original"));
        Path file = backup();
        platform.close();
        platform = null;
        Path damaged = dir.resolve("damaged.zip");
        rewriteWithOneByteFlipped(file, damaged, Backups.SCRIPT);
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve(Backups.DATABASE), "the database that is there now");

        assertThatThrownBy(() -> Backups.restore(damaged, target, Instant.now()))
                .hasMessageContaining("is damaged")
                .hasMessageContaining("Nothing was changed");
        assertOnlyTheDatabaseThatWasThere(target);
    }

    @Test
    void scriptThatDoesNotRun_refusedBeforeAnythingChanges() throws Exception {
        Path backup = dir.resolve("not-sql.zip");
        writeBackup(backup, 2, Backups.SCRIPT, "THIS IS NOT SQL;");
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve(Backups.DATABASE), "the database that is there now");

        assertThatThrownBy(() -> Backups.restore(backup, target, Instant.now())).hasMessageContaining("does not run");
        assertOnlyTheDatabaseThatWasThere(target);
    }

    @Test
    void formatOneFileCopy_refusedByName() throws Exception {
        Path backup = dir.resolve("old.zip");
        writeBackup(backup, 1, Backups.DATABASE, "a copy of a database file");

        assertThatThrownBy(() -> Backups.restore(backup, dir.resolve("target"), Instant.now()))
                .hasMessageContaining("format 1")
                .hasMessageContaining("make a new backup");
    }

    private static void assertOnlyTheDatabaseThatWasThere(Path target) throws Exception {
        assertThat(Files.readString(target.resolve(Backups.DATABASE))).isEqualTo("the database that is there now");
        try (var files = Files.list(target)) {
            assertThat(files).hasSize(1);
        }
    }

    /** A backup made by hand: one entry and a manifest whose checksum matches it. */
    private static void writeBackup(Path file, int format, String entryName, String content) throws Exception {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry(entryName));
            out.write(bytes);
            out.closeEntry();
            out.putNextEntry(new ZipEntry(Backups.MANIFEST));
            out.write(("{\"format\": " + format + ", \"created_at\": \"2026-11-01T00:00:00Z\", \"sha256\": {\""
                            + entryName + "\": \"" + sha + "\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @Test
    void restoreOverADatabaseSetAsideAsDamaged_startsAgain() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        platform = RunningPlatform.start(dir.resolve("healthy"));
        Path file = backup();
        platform.close();
        platform = null;
        Path broken = dir.resolve("broken");
        Evidence.unpackDamagedH2(broken);
        assertThatThrownBy(() -> RunningPlatform.start(broken)).hasMessageContaining("could not be opened");
        assertThat(broken.resolve(UnopenableDatabase.NOTE)).exists();

        Backups.Restored restored = Backups.restore(file, broken, Instant.now());
        platform = RunningPlatform.start(broken);

        assertThat(broken.resolve(UnopenableDatabase.NOTE)).doesNotExist();
        assertThat(restored.entries()).contains(Backups.DATABASE);
        assertThat(platform.get("/health").statusCode()).isEqualTo(200);
    }

    /** A kill while a backup is written leaves its script and partial zip; the next start removes those only. */
    @Test
    void backupsCutShortByAStop_theirFilesRemovedAtStart_finishedBackupsKept() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is backed up with pg_dump");
        Path folder = dir.resolve("cut-short");
        platform = RunningPlatform.start(folder);
        Path finished = backup();
        platform.close();
        platform = null;
        Path backups = finished.getParent();
        Path script = Files.writeString(backups.resolve(".backup9838032371086962697.sql"), "INSERT INTO");
        Path partial = Files.write(backups.resolve(".backup960667230126998826.zip.part"), new byte[4096]);
        Path usersOwn = Files.writeString(backups.resolve(".backup-notes.txt"), "mine");

        platform = RunningPlatform.start(folder);

        assertThat(script).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(finished).exists();
        assertThat(usersOwn).exists();
    }

    @Test
    void onPostgres_backupIsPgDumpsJob_409SaysSo() throws Exception {
        assumeTrue(TestDatabase.onPostgres(), "the H2 run makes real backups above");
        platform = RunningPlatform.start(dir.resolve("pg"));

        assertError(
                platform.json("POST", "/v1/admin/backups", platform.platformKey(), null), 409, "backup_not_supported");
    }

    private static void rewriteWithOneByteFlipped(Path from, Path to, String entryName) throws Exception {
        try (ZipFile zip = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : zip.stream().toList()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().equals(entryName)) {
                        bytes[bytes.length / 2] ^= 1;
                    }
                    out.write(bytes);
                }
                out.closeEntry();
            }
        }
    }
}
