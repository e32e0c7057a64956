package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import com.royaltydesk.platform.testutil.Parked;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(NoDatabase.TAG)
class BatchesInFlightTest {

    private final BatchesInFlight inFlight = new BatchesInFlight();
    private final List<String> durableCalls = new CopyOnWriteArrayList<>();
    /** A thread per batch: the common pool may have one thread on two cores, and b would queue behind a. */
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Batch A committed its events and is still appending its record; batch B finds those events
     * stored (duplicates) and appends nothing. B must not reach "durable" — its answer — before A's
     * record is appended, or a crash could lose events B's answer called stored.
     */
    @Test
    void aBatchThatCommittedAfterAnotherWaitsForThatOnesRecord() throws Exception {
        CountDownLatch aCommitted = new CountDownLatch(1);
        CountDownLatch aMayAppend = new CountDownLatch(1);
        List<String> journal = new CopyOnWriteArrayList<>();
        CompletableFuture<String> a = CompletableFuture.supplyAsync(
                () -> inFlight.commitAndJournal(
                        () -> {
                            aCommitted.countDown();
                            return "a";
                        },
                        stored -> {
                            await(aMayAppend);
                            journal.add("record of a");
                        },
                        () -> durableCalls.add("a durable")),
                threads);
        assertThat(aCommitted.await(10, TimeUnit.SECONDS)).isTrue();

        Thread[] bThread = new Thread[1];
        CompletableFuture<String> b = CompletableFuture.supplyAsync(
                () -> {
                    bThread[0] = Thread.currentThread();
                    return inFlight.commitAndJournal(() -> "b (all duplicates)", stored -> {}, () -> {
                        durableCalls.add("b durable, journal then " + journal);
                    });
                },
                threads);
        Parked.awaitParkedOrDone(b, bThread);
        // Without the wait, b is done by now; with it, b is parked until a has left.
        assertThat(b).as("b answered while a's record was not yet appended").isNotDone();

        aMayAppend.countDown();
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b (all duplicates)");
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(durableCalls).contains("b durable, journal then [record of a]");
    }

    @Test
    void aBatchWhoseTransactionFailsLeaves_laterBatchesDoNotWaitForIt() {
        try {
            inFlight.commitAndJournal(
                    () -> {
                        throw new IllegalStateException("constraint violated");
                    },
                    stored -> {},
                    () -> durableCalls.add("never"));
        } catch (IllegalStateException expected) {
            // the failed batch left
        }
        String later = inFlight.commitAndJournal(() -> "later", stored -> {}, () -> durableCalls.add("later durable"));

        assertThat(later).isEqualTo("later");
        assertThat(durableCalls).containsExactly("later durable");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
