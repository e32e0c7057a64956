package com.royaltydesk.platform.assets;

import com.royaltydesk.platform.core.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * At most {@link UploadLimits#maxConcurrent} uploads at once on this instance: each holds a
 * thread and a connection for as long as its client sends, so a handful of slow clients must not
 * hold them all. One more is refused at once (429), never queued.
 */
public final class UploadGate {

    /** A slot held while one upload runs; closing it frees the slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore slots;
    private final int max;

    public UploadGate(int max) {
        this.max = max;
        this.slots = new Semaphore(max);
    }

    public Permit enter() {
        if (!slots.tryAcquire()) {
            throw ApiException.busy(
                    "too_many_uploads",
                    "This platform takes at most " + max + " uploads at once; try again shortly.",
                    RETRY_AFTER);
        }
        return slots::release;
    }

    /** Uploads running now. */
    public int inFlight() {
        return max - slots.availablePermits();
    }
}
