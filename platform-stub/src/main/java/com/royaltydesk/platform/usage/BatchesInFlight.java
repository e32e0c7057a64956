package com.royaltydesk.platform.usage;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Orders acknowledgements when the journal, not H2's file, makes a batch durable (decision 0023).
 * A batch that finds some of its events already stored — by a batch that committed a moment ago —
 * must not answer before that other batch's journal record is on disk, or a crash could lose events
 * its answer called stored. So every batch enters before its transaction begins and leaves once its
 * record is appended (or its transaction failed); after committing, a batch waits until every batch
 * that entered before its commit has left, then for the journal to be durable up to its end.
 */
final class BatchesInFlight {

    private final AtomicLong entered = new AtomicLong();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final Object left = new Object();

    /**
     * Commits, appends the journal record for what was committed, and returns once the record — and
     * the record of every batch this one could have seen — is durable.
     *
     * @param commit the transaction; returns what it stored
     * @param append appends the record (not durably) for what {@code commit} stored
     * @param awaitDurable returns once every record appended so far is on disk
     */
    <T> T commitAndJournal(Supplier<T> commit, Consumer<T> append, Runnable awaitDurable) {
        long ticket = entered.incrementAndGet();
        inFlight.add(ticket);
        T stored;
        long horizon;
        try {
            stored = commit.get();
            // Every batch whose rows this one could have seen entered before it committed, so by now.
            horizon = entered.get();
            append.accept(stored);
        } finally {
            leave(ticket);
        }
        awaitLeftUpTo(horizon);
        awaitDurable.run();
        return stored;
    }

    private void leave(long ticket) {
        inFlight.remove(ticket);
        synchronized (left) {
            left.notifyAll();
        }
    }

    private void awaitLeftUpTo(long horizon) {
        synchronized (left) {
            while (!inFlight.isEmpty() && inFlight.first() <= horizon) {
                try {
                    left.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(
                            "interrupted while waiting for earlier batches' journal records", e);
                }
            }
        }
    }
}
