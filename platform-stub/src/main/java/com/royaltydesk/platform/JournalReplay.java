package com.royaltydesk.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.db.Database;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Before anything is served, what the journals hold and H2 may have lost in a crash (or lacks,
 * rebuilt from a backup) is applied again, in an order every record's references allow (decision
 * 0017): the change journal's rows first (keys, assets, settlements…: receipts name signing keys),
 * then receipts (usage events name them), then usage batches, then the voids and releases the
 * change journal carried (they name usage events). Each step leaves what H2 already holds alone.
 */
final class JournalReplay {

    /** How many records of each journal were applied; receipts and events count only those put back. */
    record Restored(int changes, int receipts, int events, int usageOps) {}

    private JournalReplay() {}

    static Restored apply(PlatformServices services, Database database) {
        long started = System.nanoTime();
        if (services.journalMarks() != null) {
            // Before anything is written: what the opened file holds decides where each journal starts.
            services.journalMarks().adopt();
        }
        List<JsonNode> usageOps = new ArrayList<>();
        int changes = services.changeJournal() == null
                ? 0
                : services.changeJournal().replayUnapplied(services.jdbc().replayTransactions(), usageOps::add);
        int receipts = services.receipts().recoverFromJournal();
        int events = services.ingestion().recoverFromJournal();
        int ops = services.ingestion().applyJournaledOps(usageOps);
        if (changes > 0) {
            // Rows came back with the numbers they had: the counters must not hand those out again.
            database.moveIdentityCountersPastRows();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (changes + receipts + events + ops > 0) {
            LoggerFactory.getLogger(PlatformServer.class)
                    .warn(
                            "applied the journals after an unclean stop in {} ms (the table of seen events opened or built"
                                    + " first): {} change records, {} receipts and"
                                    + " {} usage events put back, {} voids or releases applied again",
                            millis,
                            changes,
                            receipts,
                            events,
                            ops);
        } else {
            // Records H2 already held are read and skipped too: after a kill, all since the last mark.
            LoggerFactory.getLogger(PlatformServer.class)
                    .info(
                            "read the journals since the marks H2 holds in {} ms (the table of seen events opened or"
                                    + " built first): H2 held every record",
                            millis);
        }
        return new Restored(changes, receipts, events, ops);
    }
}
