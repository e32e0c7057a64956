package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.testutil.NoDatabase;
import com.royaltydesk.platform.testutil.Parked;
import java.math.BigDecimal;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The grouping itself, with a writer that records what it was given: receipts that wait while a
 * group is written go together into the next one; a group the database refuses is written again
 * one by one, so only the refused receipt fails; a failure to make a group durable reaches every
 * member. (The real transaction, journal and log are tested over HTTP in ProofOfTrainingHttpTest
 * and ReceiptJournalHttpTest.)
 */
@Tag(NoDatabase.TAG) // a recording writer, no database
class ReceiptGroupsTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<List<String>> groupsWritten = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong nextIndex = new AtomicLong();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void receiptsArrivingWhileAGroupIsWritten_goTogetherIntoTheNext() throws Exception {
        CountDownLatch firstGroupEntered = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        ReceiptGroups groups = new ReceiptGroups(group -> {
            List<String> ids = record(group);
            if (ids.contains("r0")) {
                firstGroupEntered.countDown();
                await(othersWaiting);
            }
            return () -> {};
        });

        Future<Receipt> first = pool.submit(() -> store(groups, "r0"));
        assertThat(firstGroupEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Receipt>> others = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "r" + i;
            others.add(pool.submit(() -> store(groups, id)));
        }
        Thread.sleep(200); // let all five queue behind the group being written
        othersWaiting.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).logIndex()).isZero();
        List<Long> indexes = new ArrayList<>();
        for (Future<Receipt> other : others) {
            indexes.add(other.get(10, TimeUnit.SECONDS).logIndex());
        }
        assertThat(indexes).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(groupsWritten).hasSize(2);
        assertThat(groupsWritten.get(1)).containsExactlyInAnyOrder("r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void aGroupTheDatabaseRefuses_isWrittenOneByOne_andOnlyTheRefusedOneFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReceiptGroups groups = new ReceiptGroups(group -> {
            List<String> ids = record(group);
            if (ids.contains("hold")) {
                await(release);
            }
            if (ids.contains("clash")) {
                throw new DataAccessException(new SQLIntegrityConstraintViolationException("duplicate key", "23505"));
            }
            return () -> {};
        });
        Future<Receipt> holder = pool.submit(() -> store(groups, "hold"));
        Thread.sleep(100);
        Future<Receipt> before = pool.submit(() -> store(groups, "fine-1"));
        Future<Receipt> clash = pool.submit(() -> store(groups, "clash"));
        Future<Receipt> after = pool.submit(() -> store(groups, "fine-2"));
        Thread.sleep(200);
        release.countDown();

        holder.get(10, TimeUnit.SECONDS);
        assertThat(before.get(10, TimeUnit.SECONDS).receiptId()).isEqualTo("fine-1");
        assertThat(after.get(10, TimeUnit.SECONDS).receiptId()).isEqualTo("fine-2");
        assertThatThrownBy(() -> clash.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
        assertThat(groupsWritten.get(1)).hasSize(3); // the three together first, then one by one
        assertThat(groupsWritten.subList(2, groupsWritten.size()))
                .containsExactlyInAnyOrder(List.of("fine-1"), List.of("clash"), List.of("fine-2"));
    }

    @Test
    void aBatchIsNeverSplit_aBatchThatDoesNotFitGoesWholeIntoTheNextGroup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReceiptGroups groups = new ReceiptGroups(group -> {
            if (record(group).contains("hold")) {
                await(release);
            }
            return () -> {};
        });
        Future<Receipt> holder = pool.submit(() -> store(groups, "hold"));
        Thread.sleep(100);
        Future<List<Receipt>> big = pool.submit(() -> groups.store(batch("big-", 200)));
        Thread.sleep(100); // queued behind the big batch
        Future<List<Receipt>> second = pool.submit(() -> groups.store(batch("second-", 100)));
        Thread.sleep(100);
        release.countDown();

        holder.get(10, TimeUnit.SECONDS);
        List<Long> bigIndexes = indexes(big.get(10, TimeUnit.SECONDS));
        List<Long> secondIndexes = indexes(second.get(10, TimeUnit.SECONDS));
        assertThat(bigIndexes).isEqualTo(LongStream.range(1, 201).boxed().toList());
        assertThat(secondIndexes).isEqualTo(LongStream.range(201, 301).boxed().toList());
        assertThat(groupsWritten).extracting(List::size).containsExactly(1, 200, 100);
    }

    @Test
    void moreThanAGroupAtOnce_isRefusedBeforeAnythingIsWritten() {
        ReceiptGroups groups = new ReceiptGroups(group -> {
            record(group);
            return () -> {};
        });

        // On a thread of its own: a request that can never fit a group would otherwise wait forever.
        Future<List<Receipt>> tooBig = pool.submit(() -> groups.store(batch("x-", ReceiptGroups.MAX_GROUP + 1)));

        assertThatThrownBy(() -> tooBig.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(groupsWritten).isEmpty();
    }

    @Test
    void aGroupThatCannotBeMadeDurable_failsEveryMember_andTheNextGroupStillRuns() throws Exception {
        ReceiptGroups groups = new ReceiptGroups(group -> {
            List<String> ids = record(group);
            return () -> {
                if (ids.contains("lost")) {
                    throw new IllegalStateException("disk full");
                }
            };
        });

        assertThatThrownBy(() -> store(groups, "lost")).hasMessage("disk full");
        assertThat(store(groups, "next").receiptId()).isEqualTo("next");
    }

    /**
     * A repeated Idempotency-Key finds the first receipt in the database as soon as its group has
     * committed; the answer must wait, as the first request's does, until the group is on disk.
     */
    @Test
    void aReaderOfACommittedReceipt_waitsUntilItsWriteIsDurable_butNotForLaterWrites() throws Exception {
        CountDownLatch firstCommitted = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        CountDownLatch firstOnDisk = new CountDownLatch(1);
        CountDownLatch secondOnDisk = new CountDownLatch(1);
        ReceiptGroups groups = new ReceiptGroups(group -> {
            boolean first = record(group).contains("first");
            (first ? firstCommitted : secondCommitted).countDown();
            return () -> await(first ? firstOnDisk : secondOnDisk);
        });
        Future<Receipt> first = pool.submit(() -> store(groups, "first"));
        assertThat(firstCommitted.await(10, TimeUnit.SECONDS)).isTrue();

        Thread[] reader = new Thread[1];
        Future<?> replay = pool.submit(() -> {
            reader[0] = Thread.currentThread();
            groups.awaitEarlierWritesDurable();
        });
        Parked.awaitParkedOrDone(replay, reader);
        assertThat(replay)
                .as("answered while the receipt's group was not yet on disk")
                .isNotDone();

        // A group begun after the reader asked does not hold it, or steady load could starve it.
        Future<Receipt> second = pool.submit(() -> store(groups, "second"));
        assertThat(secondCommitted.await(10, TimeUnit.SECONDS)).isTrue();
        firstOnDisk.countDown();
        replay.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS).receiptId()).isEqualTo("first");
        assertThat(second).isNotDone();
        secondOnDisk.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS).receiptId()).isEqualTo("second");
    }

    private List<String> record(List<ReceiptGroups.Pending> group) {
        List<String> ids = group.stream()
                .flatMap(p -> p.signed().stream())
                .map(ReceiptService.Signed::receiptId)
                .toList();
        groupsWritten.add(ids);
        for (ReceiptGroups.Pending pending : group) {
            pending.storeFrom(nextIndex.getAndAdd(pending.size()));
        }
        return ids;
    }

    private static ReceiptGroups.Pending batch(String prefix, int size) {
        return new ReceiptGroups.Pending(
                IntStream.range(0, size).mapToObj(i -> signed(prefix + i)).toList(), null);
    }

    private static List<Long> indexes(List<Receipt> receipts) {
        return receipts.stream().map(Receipt::logIndex).toList();
    }

    private static Receipt store(ReceiptGroups groups, String receiptId) {
        return groups.store(new ReceiptGroups.Pending(List.of(signed(receiptId)), null))
                .get(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReceiptService.Signed signed(String receiptId) {
        ValidClaim claim = new ValidClaim(
                "ds_1",
                "cd".repeat(32),
                "creator_1",
                "model",
                "sha256:" + "ab".repeat(32),
                null,
                "cc-by-4.0",
                BigDecimal.ONE,
                null,
                false);
        SigningKey key = new SigningKey(
                "kid-1",
                SigningAlgorithm.EDDSA,
                KeyPurpose.RECEIPTS,
                SigningKey.LIVE,
                null,
                Instant.EPOCH,
                null,
                null,
                null);
        return new ReceiptService.Signed(receiptId, "00", claim, key, "jwt", Instant.EPOCH, Instant.EPOCH);
    }
}
