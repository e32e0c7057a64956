package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.db.Jdbc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events. Each poll leases due deliveries (so one worker at a time attempts each,
 * and a lease left by a crashed worker simply expires), sends them signed, logs the attempt, and
 * settles the delivery: 2xx succeeded; 410 disables the endpoint; anything else retries with
 * exponential backoff and jitter until the give-up time, then fails. State lives in the database,
 * so pending deliveries survive restarts.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;
    private static final int MAX_ERROR = 500;

    private record Due(
            String deliveryId,
            String eventId,
            String endpointId,
            String url,
            String secret,
            String payload,
            int attempts,
            Instant eventCreatedAt) {}

    private final Jdbc jdbc;
    private final WebhookSettings settings;
    private final UrlGuard guard;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService worker;

    public WebhookDispatcher(Jdbc jdbc, WebhookSettings settings, UrlGuard guard, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        long millis = settings.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            for (Due due : lease()) {
                attempt(due);
            }
        } catch (RuntimeException e) {
            // A failed poll (database busy, say) must not stop the worker; the next poll retries.
            LOG.warn("webhook poll failed: {}", e.toString());
        }
    }

    private List<Due> lease() {
        return jdbc.inTransaction(c -> {
            Instant now = clock.instant();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT delivery_id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
                            + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at FETCH FIRST "
                            + BATCH
                            + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                s.setTimestamp(1, Jdbc.timestamp(now));
                s.setTimestamp(2, Jdbc.timestamp(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            List<Due> due = new ArrayList<>();
            for (String id : ids) {
                try (PreparedStatement s =
                        c.prepareStatement("UPDATE webhook_deliveries SET lease_until = ? WHERE delivery_id = ?")) {
                    s.setTimestamp(1, Jdbc.timestamp(now.plus(settings.lease())));
                    s.setString(2, id);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT d.delivery_id, d.event_id, d.endpoint_id, w.url, w.secret, e.payload, d.attempts, e.created_at"
                                + " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.endpoint_id = d.endpoint_id"
                                + " JOIN webhook_events e ON e.event_id = d.event_id WHERE d.delivery_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            due.add(new Due(
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    r.getString(6),
                                    r.getInt(7),
                                    Jdbc.instant(r.getTimestamp(8))));
                        }
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
            URI uri = URI.create(due.url());
            if (guard.blockedNow(uri)) {
                error = "target resolves to a private address";
            } else {
                long timestamp = started.getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(settings.attemptTimeout())
                        .header("Content-Type", "application/json")
                        .header("webhook-id", due.eventId())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header(
                                "webhook-signature",
                                WebhookSigner.standardSignature(due.secret(), due.eventId(), timestamp, due.payload()))
                        .header("X-Signature", WebhookSigner.seedSignature(due.secret(), due.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload()))
                        .build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            }
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        record(due, started, status, error);
    }

    private void record(Due due, Instant started, Integer status, String error) {
        Instant now = clock.instant();
        String trimmed = error == null ? null : error.substring(0, Math.min(MAX_ERROR, error.length()));
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, due.deliveryId());
                s.setTimestamp(2, Jdbc.timestamp(started));
                s.setObject(3, status);
                s.setString(4, trimmed);
                s.setLong(5, Duration.between(started, now).toMillis());
                s.executeUpdate();
            }
            int attempts = due.attempts() + 1;
            String next;
            Instant nextAt = now;
            if (status != null && status >= 200 && status < 300) {
                next = "succeeded";
            } else if (status != null && status == 410) {
                next = "failed";
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ? WHERE endpoint_id = ?")) {
                    s.setString(1, "receiver answered 410 Gone");
                    s.setString(2, due.endpointId());
                    s.executeUpdate();
                }
            } else if (!now.isBefore(due.eventCreatedAt().plus(settings.giveUpAfter()))) {
                next = "failed";
            } else {
                next = "pending";
                nextAt = now.plus(backoff(attempts));
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL,"
                            + " last_status_code = ?, last_error = ?, updated_at = ? WHERE delivery_id = ?")) {
                s.setString(1, next);
                s.setInt(2, attempts);
                s.setTimestamp(3, Jdbc.timestamp(nextAt));
                s.setObject(4, status);
                s.setString(5, trimmed);
                s.setTimestamp(6, Jdbc.timestamp(now));
                s.setString(7, due.deliveryId());
                s.executeUpdate();
            }
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

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
