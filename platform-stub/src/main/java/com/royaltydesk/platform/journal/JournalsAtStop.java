package com.royaltydesk.platform.journal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a clean stop: the journals' marks recorded in H2 ({@link JournalMarks}) and made durable,
 * then the journals closed. The next start reads the marks back from the file it opens.
 */
public final class JournalsAtStop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalsAtStop.class);

    private final Runnable recordMarks;
    private final List<AutoCloseable> journals;

    public JournalsAtStop(Runnable recordMarks, List<AutoCloseable> journals) {
        this.recordMarks = recordMarks;
        this.journals = List.copyOf(journals);
    }

    /** Records the marks, then closes the journals. */
    @Override
    public void close() {
        try {
            recordMarks.run();
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
