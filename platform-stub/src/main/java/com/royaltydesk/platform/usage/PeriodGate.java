package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.db.TransactionLocks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps usage writes and settlement from overlapping: batches, releases and voids store while the
 * gate is held open (shared), a settlement closes its period while holding it closed (exclusive),
 * so no write that saw "period open" can commit into a period a settlement has already summed.
 *
 * <p>Inside one process a read-write lock does it. Several instances on one PostgreSQL database
 * also take a transaction-scoped advisory lock (shared or exclusive) inside the writing
 * transaction, and the writer re-reads the closed periods after taking it. H2 is opened by one
 * process only, so the in-process lock is the whole gate there.
 */
public final class PeriodGate {

    /** The advisory lock's key: any constant no other part of the platform uses ("RDKPERIO"). */
    private static final long ADVISORY_KEY = 0x52444B504552494FL;

    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Dialect dialect;

    public PeriodGate(Dialect dialect) {
        this.dialect = dialect;
    }

    public <T> T whileIngesting(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T whileClosing(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * First thing in a usage-writing transaction: waits while another instance is closing a period,
     * and keeps any from starting until this transaction ends. Read the closed periods after this.
     */
    public void holdOpen(Connection transaction) throws SQLException {
        TransactionLocks.shared(transaction, dialect, ADVISORY_KEY);
    }

    /** First thing in a settling transaction: waits for usage writes on every instance to finish. */
    public void holdClosed(Connection transaction) throws SQLException {
        TransactionLocks.exclusive(transaction, dialect, ADVISORY_KEY);
    }
}
