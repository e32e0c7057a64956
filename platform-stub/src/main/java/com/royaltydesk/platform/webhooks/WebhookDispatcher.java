package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.webhooks.DeliveryStore.Due;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events. Each poll leases due deliveries (so one worker at a time attempts each,
 * and a lease left by a crashed worker simply expires), sends them signed, logs the attempt, and
 * settles the delivery: 2xx succeeded; 410 disables the endpoint; anything else retries with
 * exponential backoff and jitter until the give-up time, then fails. State lives in the database,
 * so pending deliveries survive restarts.
 *
 * <p>Attempts run on a bounded pool, at most one at a time per endpoint, so a receiver that never
 * answers holds one slot until the attempt's deadline and delays nobody else's deliveries. Each
 * attempt connects to the address {@link UrlGuard} vetted for it ({@link PinnedPost}).
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Attempts in flight at once on one instance (each on its own endpoint). */
    static final int MAX_IN_FLIGHT = 8;

    private static final int MAX_ERROR = 500;

    private final Jdbc jdbc;
    private final DeliveryStore store = new DeliveryStore();
    private final WebhookSettings settings;
    private final UrlGuard guard;
    private final Clock clock;
    private final PinnedPost transport;
    private final ScheduledExecutorService poller;
    private final ExecutorService senders;
    /** Held (shared) while an attempt's outcome is written; {@link #close} takes it alone before interrupting senders. */
    private final ReentrantReadWriteLock outcomeWrites = new ReentrantReadWriteLock();

    private volatile boolean closing;
    private final PlatformMetrics metrics;
    /** Endpoints with an attempt in flight; only the poller adds, a finished attempt removes. */
    private final Set<String> busyEndpoints = ConcurrentHashMap.newKeySet();

    public WebhookDispatcher(
            Jdbc jdbc, WebhookSettings settings, UrlGuard guard, Clock clock, PlatformMetrics metrics) {
        this(jdbc, settings, guard, clock, defaultTls(), metrics);
    }

    WebhookDispatcher(Jdbc jdbc, WebhookSettings settings, UrlGuard guard, Clock clock) {
        this(jdbc, settings, guard, clock, defaultTls(), new PlatformMetrics());
    }

    WebhookDispatcher(
            Jdbc jdbc, WebhookSettings settings, UrlGuard guard, Clock clock, SSLContext tls, PlatformMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        this.transport = new PinnedPost(tls);
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("webhook-poller"));
        this.senders = Executors.newFixedThreadPool(MAX_IN_FLIGHT, daemon("webhook-sender"));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    public void start() {
        long millis = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            int free = MAX_IN_FLIGHT - busyEndpoints.size();
            if (free <= 0) {
                return;
            }
            for (Due due : lease(free, Set.copyOf(busyEndpoints))) {
                busyEndpoints.add(due.endpointId());
                senders.execute(() -> attemptSafely(due));
            }
        } catch (RuntimeException e) {
            // A failed poll (database busy, say) must not stop the worker; the next poll retries.
            LOG.warn("webhook poll failed: {}", e.toString());
        }
    }

    private void attemptSafely(Due due) {
        try {
            attempt(due);
        } catch (RuntimeException e) {
            // The lease expires and another poll retries; the failure must not kill the sender.
            LOG.warn("webhook attempt could not be recorded: {}", e.toString());
        } finally {
            busyEndpoints.remove(due.endpointId());
        }
    }

    /**
     * Leases up to {@code free} due deliveries, the oldest of each active endpoint that is not
     * busy, so one endpoint's backlog never fills the batch and starves the others.
     */
    private List<Due> lease(int free, Set<String> busy) {
        // Delivery bookkeeping is not journaled: after a rebuild a delivery may go again (at least once).
        return jdbc.inTransactionNotJournaled(c -> {
            Instant now = clock.instant();
            List<Due> due = new ArrayList<>();
            for (DeliveryStore.Candidate candidate : store.oldestDuePerEndpoint(c, now, free + busy.size())) {
                if (due.size() == free || busy.contains(candidate.endpointId())) {
                    continue;
                }
                if (store.lease(c, candidate.deliveryId(), now, now.plus(settings.lease()))) {
                    Due leased = store.due(c, candidate.deliveryId());
                    if (leased != null) {
                        due.add(leased);
                    }
                }
            }
            return due;
        });
    }

    private void attempt(Due due) {
        Instant started = clock.instant();
        Integer status = null;
        String error = null;
        try {
            Optional<UrlGuard.Vetted> target = guard.vetNow(URI.create(due.url()));
            if (target.isEmpty()) {
                error = "target resolves to an address this platform does not call";
            } else {
                long timestamp = started.getEpochSecond();
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("webhook-id", due.eventId());
                headers.put("webhook-timestamp", Long.toString(timestamp));
                headers.put(
                        "webhook-signature",
                        WebhookSigner.standardSignature(due.secret(), due.eventId(), timestamp, due.payload()));
                headers.put("X-Signature", WebhookSigner.seedSignature(due.secret(), due.payload()));
                status = transport.post(
                        target.get(),
                        headers,
                        due.payload().getBytes(StandardCharsets.UTF_8),
                        settings.attemptTimeout());
            }
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        metrics.webhookAttempt(status != null && status >= 200 && status < 300);
        record(due, started, status, error);
    }

    private void record(Due due, Instant started, Integer status, String error) {
        // Once the dispatcher is closing, an outcome not yet being written is dropped, not written
        // by a thread that may be interrupted halfway (see close()).
        if (!outcomeWrites.readLock().tryLock()) {
            return;
        }
        try {
            if (!closing) {
                writeOutcome(due, started, status, error);
            }
        } finally {
            outcomeWrites.readLock().unlock();
        }
    }

    private void writeOutcome(Due due, Instant started, Integer status, String error) {
        Instant now = clock.instant();
        String trimmed = error == null ? null : error.substring(0, Math.min(MAX_ERROR, error.length()));
        jdbc.inTransactionNotJournaled(c -> {
            store.insertAttempt(
                    c,
                    due.deliveryId(),
                    started,
                    status,
                    trimmed,
                    Duration.between(started, now).toMillis());
            int attempts = due.attempts() + 1;
            String next;
            Instant nextAt = now;
            if (status != null && status >= 200 && status < 300) {
                next = "succeeded";
            } else if (status != null && status == 410) {
                next = "failed";
                store.disableEndpoint(c, due.endpointId(), "receiver answered 410 Gone");
            } else if (!now.isBefore(due.eventCreatedAt().plus(settings.giveUpAfter()))) {
                next = "failed";
            } else {
                next = "pending";
                nextAt = now.plus(backoff(attempts));
            }
            store.updateDelivery(
                    c, due.deliveryId(), new DeliveryStore.Outcome(next, attempts, nextAt, status, trimmed), now);
            return null;
        });
    }

    /** first × 2^(attempts-1), at most max, ±20% jitter so retries from many deliveries spread out. */
    Duration backoff(int attempts) {
        long base = settings.firstRetry().toMillis();
        long max = settings.maxRetry().toMillis();
        long delay = attempts >= 31 ? max : Math.min(max, base << Math.max(0, attempts - 1));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (delay * jitter)));
    }

    /**
     * Stops polling and sending without interrupting a thread that is inside the database: H2
     * closes its file channel for every thread when one is interrupted during file I/O, and the
     * stop's own checkpoint then fails (seen in the app's smoke test: a clean stop became an unclean
     * one). The poll finishes its query; attempts already writing their outcome finish it; only
     * then are senders still waiting on a receiver interrupted, and their attempts are written by
     * no one — each delivery's lease runs out and it is sent again after the restart.
     */
    @Override
    public void close() {
        closing = true;
        poller.shutdown();
        try {
            if (!poller.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a webhook poll was still running at stop");
            }
            outcomeWrites.writeLock().lock();
            try {
                senders.shutdownNow();
            } finally {
                outcomeWrites.writeLock().unlock();
            }
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
