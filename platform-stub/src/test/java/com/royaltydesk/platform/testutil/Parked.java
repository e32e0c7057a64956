package com.royaltydesk.platform.testutil;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** For tests that show one thread held back by another: wait until it parks, or its work is done. */
public final class Parked {

    private Parked() {}

    /**
     * Returns once the thread in {@code thread[0]} (set by the task when it starts) is waiting, or
     * {@code future} is done, or after 10 s. A test then asserts that the future is not done: with
     * the wait under test removed, the task has finished by then.
     */
    public static void awaitParkedOrDone(Future<?> future, Thread[] thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !future.isDone()) {
            Thread t = thread[0];
            if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
    }
}
