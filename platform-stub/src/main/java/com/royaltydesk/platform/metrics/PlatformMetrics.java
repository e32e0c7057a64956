package com.royaltydesk.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What operators see at {@code GET /metrics} (Prometheus text format, through Micrometer; README
 * lists each metric). The platform's code calls the plain methods here, so Micrometer stays in this
 * package; gauges read their value when scraped, from suppliers the composition root hands in.
 */
public final class PlatformMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted = events("accepted");
    private final Counter duplicates = events("duplicate");
    private final Counter rejected = events("rejected");
    private final Counter held = events("held");
    private final Timer batches = Timer.builder("rdk.usage.batch")
            .description("Time to take one usage batch, from parsed request to answer")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    private final Counter receiptsIssued = Counter.builder("rdk.receipts.issued")
            .description("Receipts signed and appended to the log (an idempotent replay is not counted)")
            .register(registry);
    private final Counter settlementsRun = settlements("settled");
    private final Counter settlementsReplayed = settlements("already_settled");
    private final Counter webhooksDelivered = webhookAttempts("delivered");
    private final Counter webhooksFailed = webhookAttempts("failed");
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PlatformMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Gauges read when scraped: the receipt log's size, the webhook backlog, the connection pool. */
    public void observe(Supplier<Number> logSize, Supplier<Number> webhookBacklog, Supplier<PoolFigures> pool) {
        Gauge.builder("rdk.receipt.log.size", logSize)
                .description("Entries in the append-only receipt log")
                .register(registry);
        Gauge.builder("rdk.webhook.backlog", webhookBacklog)
                .description("Webhook deliveries waiting for a first or next attempt")
                .register(registry);
        Gauge.builder("rdk.db.pool.active", () -> pool.get().active())
                .description("Database connections in use")
                .register(registry);
        Gauge.builder("rdk.db.pool.idle", () -> pool.get().idle())
                .description("Database connections open and idle")
                .register(registry);
        Gauge.builder("rdk.db.pool.pending", () -> pool.get().waiting())
                .description("Threads waiting for a database connection")
                .register(registry);
    }

    /** The pool as the gauges read it. */
    public record PoolFigures(int active, int idle, int waiting) {}

    /** One usage batch taken: its events by outcome, and how long it took. */
    public void usageBatch(int acceptedEvents, int duplicateEvents, int heldEvents, int rejectedEvents, Duration took) {
        accepted.increment(acceptedEvents);
        duplicates.increment(duplicateEvents);
        held.increment(heldEvents);
        rejected.increment(rejectedEvents);
        batches.record(took);
    }

    /** Receipts issued by one request: one, or a batch's. */
    public void receiptsIssued(int count) {
        receiptsIssued.increment(count);
    }

    /** A settlement request: a period closed now, or one settled before answered again. */
    public void settlement(boolean newlySettled) {
        (newlySettled ? settlementsRun : settlementsReplayed).increment();
    }

    /** One webhook delivery attempt and whether the receiver took it (2xx). */
    public void webhookAttempt(boolean delivered) {
        (delivered ? webhooksDelivered : webhooksFailed).increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter events(String outcome) {
        return Counter.builder("rdk.usage.events")
                .description("Usage events by outcome of the batch that carried them")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter settlements(String result) {
        return Counter.builder("rdk.settlement.runs")
                .description("Settlement requests by result")
                .tag("result", result)
                .register(registry);
    }

    private Counter webhookAttempts(String outcome) {
        return Counter.builder("rdk.webhook.attempts")
                .description(
                        "Webhook delivery attempts by outcome (failed: any non-2xx answer, timeout or refused target)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
