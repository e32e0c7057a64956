package com.royaltydesk.platform.journal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a clean stop: H2 is checkpointed, the journals' mark written, the journals closed. The mark
 * also moves once a start has applied the journals (PlatformServer), but never while serving — a
 * mark moved under load once trusted writes H2 then lost (decision 0017) — so after a crash the
 * records since the last clean stop or start are applied again (idempotently).
 */
public final class JournalsAtStop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalsAtStop.class);

    private final Runnable checkpoint;
    private final List<AutoCloseable> journals;

    public JournalsAtStop(Runnable checkpoint, List<AutoCloseable> journals) {
        this.checkpoint = checkpoint;
        this.journals = List.copyOf(journals);
    }

    /** Checkpoints, marks, and closes the journals. */
    @Override
    public void close() {
        try {
            checkpoint.run();
        } finally {
            for (AutoCloseable journal : journals) {
                try {
                    journal.close();
                } catch (Exception e) {
                    LOG.warn("a journal did not close cleanly: {}", e.toString());
                }
            }
        }
    }
}
