package com.royaltydesk.platform.receipts;

import com.royaltydesk.platform.db.DataAccessException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Appends signed receipts to the log in groups (issue #15): the receipts that arrive while one group
 * is being written go together into the next — one transaction that takes the log's head once for
 * all of them, then one database checkpoint and one journal sync shared by the group. Signing stays
 * with each request, in parallel, before it gets here.
 *
 * <p>No thread of its own: the first request that finds no group being written writes every
 * waiting receipt, its own among them, and the others wait for their answer. The next group may
 * commit while the previous one waits for the disk. A group the database refuses (an
 * Idempotency-Key raced by a concurrent request) is written again one request at a time, so each
 * request gets its own answer, as it did before groups. A request may bring several receipts (a
 * batch): they go into one group, at consecutive indexes, so the batch is stored whole or not at all.
 *
 * <p>A receipt is visible in the database from its group's commit, before the group is durable. A
 * request that answers with a receipt it found there (an Idempotency-Key repeated) first waits,
 * through {@link #awaitEarlierWritesDurable}, until every write begun before it is durable — or a
 * power loss could take back a receipt two answers called issued.
 */
final class ReceiptGroups {

    /** At most this many receipts in one transaction — and in one batch request, which is never split. */
    static final int MAX_GROUP = 256;

    /** Commits a group and returns how to wait until it is durable. */
    interface Writer {
        Durability commit(List<Pending> group);
    }

    /** Waits until a committed group is on disk. */
    interface Durability {
        void await();
    }

    /**
     * One request's signed receipts — one, or a batch's — waiting for their log indexes, which are
     * consecutive: a request's receipts are never split between groups. Its outcome once settled.
     */
    static final class Pending {
        private final List<ReceiptService.Signed> signed;
        private final ReceiptService.Remembered idempotency;
        private List<Receipt> receipts;
        private RuntimeException failure;
        private boolean settled;

        Pending(List<ReceiptService.Signed> signed, ReceiptService.Remembered idempotency) {
            this.signed = List.copyOf(signed);
            this.idempotency = idempotency;
        }

        /** The receipts as stored from {@code firstIndex} on, in the request's order. */
        List<Receipt> storeFrom(long firstIndex) {
            List<Receipt> stored = new ArrayList<>(signed.size());
            for (int i = 0; i < signed.size(); i++) {
                stored.add(signed.get(i).at(firstIndex + i));
            }
            this.receipts = List.copyOf(stored);
            return receipts;
        }

        List<Receipt> stored() {
            return receipts;
        }

        List<ReceiptService.Signed> signed() {
            return signed;
        }

        /** What the request's Idempotency-Key remembers, or null without one. */
        ReceiptService.Remembered idempotency() {
            return idempotency;
        }

        int size() {
            return signed.size();
        }
    }

    private final Writer writer;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean writing;
    /** Writes (a group's commit and its wait for the disk) begun and not yet durable or failed. */
    private final TreeSet<Long> writesNotDurable = new TreeSet<>();

    private long lastWrite;

    ReceiptGroups(Writer writer) {
        this.writer = writer;
    }

    /**
     * Stores a request's receipts at the next log indexes, consecutive and in order; returns them
     * once they are durable. At most {@link #MAX_GROUP} receipts.
     */
    List<Receipt> store(Pending mine) {
        if (mine.size() == 0 || mine.size() > MAX_GROUP) {
            throw new IllegalArgumentException("1 to " + MAX_GROUP + " receipts at a time, not " + mine.size());
        }
        synchronized (lock) {
            waiting.add(mine);
        }
        while (true) {
            List<Pending> group = new ArrayList<>();
            synchronized (lock) {
                // Empty queue and not settled: another thread took this receipt and is making it durable.
                while (!mine.settled && (writing || waiting.isEmpty())) {
                    awaitSettled();
                }
                if (mine.settled) {
                    if (mine.failure != null) {
                        throw mine.failure;
                    }
                    return mine.receipts;
                }
                writing = true;
                int receipts = 0;
                while (!waiting.isEmpty() && receipts + waiting.peek().size() <= MAX_GROUP) {
                    receipts += waiting.peek().size();
                    group.add(waiting.poll());
                }
            }
            write(group);
        }
    }

    /**
     * Returns once every write begun before this call is durable (or has failed): a receipt read
     * from the database now was committed by one of them.
     */
    void awaitEarlierWritesDurable() {
        synchronized (lock) {
            long upTo = lastWrite;
            while (!writesNotDurable.isEmpty() && writesNotDurable.first() <= upTo) {
                awaitSettled();
            }
        }
    }

    private void write(List<Pending> group) {
        long ticket;
        synchronized (lock) {
            // Taken before the commit: a reader that sees the commit must find the write still open.
            ticket = ++lastWrite;
            writesNotDurable.add(ticket);
        }
        try {
            commitAndAwaitDurable(group);
        } finally {
            synchronized (lock) {
                writesNotDurable.remove(ticket);
                lock.notifyAll();
            }
        }
    }

    private void commitAndAwaitDurable(List<Pending> group) {
        List<Pending> committed = new ArrayList<>();
        List<Durability> durability = new ArrayList<>();
        try {
            try {
                durability.add(writer.commit(group));
                committed.addAll(group);
            } catch (DataAccessException e) {
                if (group.size() == 1 || !e.isConstraintViolation()) {
                    throw e;
                }
                for (Pending one : group) {
                    try {
                        durability.add(writer.commit(List.of(one)));
                        committed.add(one);
                    } catch (RuntimeException refused) {
                        settle(List.of(one), refused);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            settle(group, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            return;
        } finally {
            synchronized (lock) {
                writing = false;
                lock.notifyAll();
            }
        }
        // Outside the writer's turn: the next group commits while this one waits for the disk.
        try {
            durability.forEach(Durability::await);
            settle(committed, null);
        } catch (RuntimeException e) {
            settle(committed, e);
        }
    }

    private void settle(List<Pending> group, RuntimeException failure) {
        synchronized (lock) {
            for (Pending pending : group) {
                if (!pending.settled) {
                    pending.failure = failure;
                    pending.settled = true;
                }
            }
            lock.notifyAll();
        }
    }

    private void awaitSettled() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a receipt was being stored", e);
        }
    }
}
