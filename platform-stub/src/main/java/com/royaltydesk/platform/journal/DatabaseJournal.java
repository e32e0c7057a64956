package com.royaltydesk.platform.journal;

/**
 * A journal in front of the H2 database: its records are the writes H2 may lose in a crash, and
 * {@link JournalMarks} records in H2 itself how far H2 holds them (decision 0017).
 */
public interface DatabaseJournal {

    /** The journal's folder under the data folder; also its name among the marks. */
    String folder();

    /** The journal with its mark file. */
    MarkedJournal marked();

    /**
     * The first record a database snapshot started now may lack; read before the snapshot (or the
     * transaction recording a mark) begins.
     */
    long firstNotSurelyCommitted();
}
