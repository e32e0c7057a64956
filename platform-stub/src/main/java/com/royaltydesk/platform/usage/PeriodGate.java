package com.royaltydesk.platform.usage;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps ingestion and settlement from overlapping inside one platform process: batches store under
 * the shared lock, a settlement closes its period under the exclusive one, so no batch that checked
 * "period open" can commit into a period a settlement has already summed. (Several instances on one
 * database need a database-level equivalent; see the PostgreSQL issue.)
 */
public final class PeriodGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

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
}
