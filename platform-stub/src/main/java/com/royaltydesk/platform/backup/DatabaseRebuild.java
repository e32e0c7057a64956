package com.royaltydesk.platform.backup;

import com.royaltydesk.platform.journal.Journal;
import com.royaltydesk.platform.journal.JournalsFromTheStart;
import com.royaltydesk.platform.journal.MarkedJournal;
import com.royaltydesk.platform.log.CheckpointStore;
import com.royaltydesk.platform.log.ReceiptLog;
import com.royaltydesk.platform.log.StoredCheckpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A damaged H2 file rebuilt instead of refused (decision 0017): the newest backup whose journal
 * records are all still kept is put in place, the journals are told the database holds nothing
 * after that backup, and the normal start applies them — changes, receipts, then usage. Then the
 * result is checked: the receipt log has no hole, and it reproduces the root of the newest signed
 * checkpoint. Webhook delivery bookkeeping is not journaled: a delivery may go again; the words say so.
 */
public final class DatabaseRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRebuild.class);

    /** A rebuild done: what was moved aside, why, and the backup it started from (null: the journals alone). */
    public record Rebuilt(Path movedAside, String h2Said, Path backup, Instant backupCreatedAt) {

        /**
         * What happened, in words for stderr and the app's window: what was recovered and what to
         * check first, the technical details (where the damaged file is, what H2 said) last.
         */
        public String words(int receipts, int events, int changes) {
            String from = backup == null
                    ? "the journals alone (there was no backup yet; they hold every write since the first start)"
                    : "the backup of " + WHEN.format(backupCreatedAt) + " and the journals";
            String since = backup == null ? "the first start" : "that backup";
            return "The platform's database was damaged and could not be used as it was, so it was rebuilt from "
                    + from
                    + ": " + receipts + " receipts, " + events
                    + " usage events and " + changes + " other changes (assets, keys, settlements, payouts, disputes,"
                    + " webhook settings) recorded since " + since + " were put back, and the receipt log checks"
                    + " against its newest signed checkpoint. Webhook deliveries since " + since
                    + " may be sent again."
                    + " The damaged file is kept, unchanged, at " + movedAside
                    + (backup == null ? "" : "; the backup used is " + backup) + ". H2 reported " + h2Said + ".";
        }
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private DatabaseRebuild() {}

    /**
     * After the damaged file was moved aside: puts the newest usable backup's database in place and
     * points the journals at what it lacks. Empty when no backup in {@code backups/} can be brought
     * up to date (none, or the journals no longer hold what it lacks).
     */
    public static Optional<Rebuilt> fromNewestBackup(Path dataDir, Path movedAside, String h2Said) {
        for (Backups.Kept kept : Backups.kept(dataDir.resolve("backups"))) {
            if (kept.journalFrom().isEmpty() || !journalsHold(dataDir, kept.journalFrom())) {
                continue;
            }
            try {
                Instant createdAt = Backups.rebuildDatabase(kept.file(), dataDir);
                kept.journalFrom()
                        .forEach((folder, from) -> MarkedJournal.resetMark(dataDir.resolve(folder), from - 1));
                return Optional.of(new Rebuilt(movedAside, h2Said, kept.file(), createdAt));
            } catch (IllegalStateException e) {
                LOG.warn("backup {} does not rebuild, trying an older one: {}", kept.file(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * With no usable backup: a new database and every journal record — possible only while the
     * journals hold every write since the first start ({@link JournalsFromTheStart}). The caller
     * opens the new database (the damaged one was moved aside) and the start applies the journals.
     */
    public static Optional<Rebuilt> fromTheJournalsAlone(Path dataDir, Path movedAside, String h2Said) {
        if (!JournalsFromTheStart.holdEverything(dataDir)) {
            return Optional.empty();
        }
        JournalsFromTheStart.replayEverything(dataDir);
        return Optional.of(new Rebuilt(movedAside, h2Said, null, null));
    }

    private static boolean journalsHold(Path dataDir, Map<String, Long> journalFrom) {
        return journalFrom.entrySet().stream()
                .allMatch(e -> Journal.firstKept(dataDir.resolve(e.getKey())) <= e.getValue());
    }

    /**
     * What is wrong with the rebuilt database, if anything: a receipt log with a hole, or one that
     * does not reproduce the newest signed checkpoint's root.
     */
    public static Optional<String> problem(DataSource dataSource, CheckpointStore checkpoints) {
        ReceiptLog.Shape log = ReceiptLog.shape(dataSource);
        long treeSize = log.treeSize();
        if (log.problem().isPresent()) {
            return log.problem();
        }
        Optional<StoredCheckpoint> newest = checkpoints.newest();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        StoredCheckpoint signed = newest.get();
        if (signed.treeSize() > treeSize) {
            return Optional.of(
                    "its receipt log has " + treeSize + " entries but a checkpoint was signed at " + signed.treeSize());
        }
        String root = HexFormat.of().formatHex(new ReceiptLog(dataSource).rootHash(signed.treeSize()));
        if (!root.equalsIgnoreCase(signed.rootHash())) {
            return Optional.of("its receipt log's root at " + signed.treeSize()
                    + " is not the root of the checkpoint signed at that size");
        }
        return Optional.empty();
    }
}
