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
 * Idempotency-Key raced by a concurrent request) is written again one receipt at a time, so each
 * request gets its own answer, as it did before groups.
 *
 * <p>A receipt is visible in the database from its group's commit, before the group is durable. A
 * request that answers with a receipt it found there (an Idempotency-Key repeated) first waits,
 * through {@link #awaitEarlierWritesDurable}, until every write begun before it is durable — or a
 * power loss could take back a receipt two answers called issued.
 */
final class ReceiptGroups {

    /** At most this many receipts in one transaction: bounds the transaction, not the throughput. */
    static final int MAX_GROUP = 256;

    /** Commits a group and returns how to wait until it is durable. */
    interface Writer {
        Durability commit(List<Pending> group);
    }

    /** Waits until a committed group is on disk. */
    interface Durability {
        void await();
    }

    /** One signed receipt waiting for its log index, and its outcome once settled. */
    static final class Pending {
        private final ReceiptService.Signed signed;
        private Receipt receipt;
        private RuntimeException failure;
        private boolean settled;

        Pending(ReceiptService.Signed signed) {
            this.signed = signed;
        }

        void stored(Receipt stored) {
            this.receipt = stored;
        }

        Receipt stored() {
            return receipt;
        }

        ReceiptService.Signed signed() {
            return signed;
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

    /** Stores {@code signed} with the next log index; returns once it is durable. */
    Receipt store(ReceiptService.Signed signed) {
        Pending mine = new Pending(signed);
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
                    return mine.receipt;
                }
                writing = true;
                while (!waiting.isEmpty() && group.size() < MAX_GROUP) {
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
