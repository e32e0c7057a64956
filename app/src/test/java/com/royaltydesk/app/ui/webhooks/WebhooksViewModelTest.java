package com.royaltydesk.app.ui.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoints, deliveries and redelivery against a real platform and a real receiver, no toolkit. */
class WebhooksViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final WebhooksViewModel webhooks =
            new WebhooksViewModel(new BackgroundTasks(executors.workers(), uiThread));
    private final List<String> received = new CopyOnWriteArrayList<>();
    private PlatformServer platform;
    private PlatformClient client;
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        platform = PlatformServer.start(PlatformConfig.embedded(dir.resolve("platform")));
        client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(dir.resolve("platform")));
        webhooks.connect(client);
        drainUntil(() -> webhooks.messageProperty().get().startsWith("No endpoints"));
    }

    @AfterEach
    void stop() {
        executors.close();
        client.close();
        platform.close();
        receiver.stop(0);
    }

    private void drainUntil(BooleanSupplier condition) {
        uiThread.runUntil(condition, WAIT);
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    /** Refreshes until there are {@code count} deliveries and every one succeeded. */
    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && !(webhooks.deliveries().size() == count
                        && webhooks.deliveries().stream()
                                .allMatch(d -> d.status().equals("succeeded")))) {
            Thread.sleep(200);
            webhooks.refresh();
            uiThread.runNext(WAIT);
            uiThread.runNext(WAIT);
        }
    }

    @Test
    void addEndpoint_secretShownOnceThenReceiptDeliveredAndLogged() throws Exception {
        webhooks.newUrlProperty().set(receiverUrl());

        webhooks.addEndpoint();
        drainUntil(() -> webhooks.endpoints().size() == 1);

        assertThat(webhooks.secretProperty().get()).startsWith("whsec_");
        assertThat(webhooks.endpoints().get(0).eventTypes()).containsExactly("receipt.issued");
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-w");
        webhooks.select(webhooks.endpoints().get(0));
        awaitDelivered(1);

        WebhooksViewModel.DeliveryRow delivery = webhooks.deliveries().get(0);
        assertThat(delivery.eventType()).isEqualTo("receipt.issued");
        assertThat(delivery.lastResult()).isEqualTo("HTTP 200");
        assertThat(delivery.nextRetry()).isEqualTo("—");
        webhooks.selectDelivery(delivery);
        assertThat(webhooks.attempts())
                .singleElement()
                .asString()
                .startsWith("#1")
                .contains("HTTP 200");
        assertThat(received).hasSize(1);
    }

    @Test
    void redeliver_sameEventSentAgainAsANewDeliveryWithTheSameWebhookId() throws Exception {
        webhooks.newUrlProperty().set(receiverUrl());
        webhooks.addEndpoint();
        drainUntil(() -> webhooks.endpoints().size() == 1);
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-w");
        webhooks.select(webhooks.endpoints().get(0));
        awaitDelivered(1);

        webhooks.redeliver(webhooks.deliveries().get(0));
        drainUntil(() -> webhooks.messageProperty().get().startsWith("Queued"));
        awaitDelivered(2);

        assertThat(webhooks.deliveries())
                .allSatisfy(d -> assertThat(d.attemptLines()).hasSize(1));
        // The event's id is the webhook-id, so a receiver that already has it can ignore the copy.
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo(received.get(0));
    }

    @Test
    void addEndpoint_noUrlOrNoEventType_saysWhatIsMissingAndAddsNothing() throws Exception {
        webhooks.addEndpoint();
        assertThat(webhooks.messageProperty().get()).startsWith("Write the URL");

        webhooks.newUrlProperty().set(receiverUrl());
        webhooks.newTypeProperty("receipt.issued").set(false);
        webhooks.addEndpoint();
        assertThat(webhooks.messageProperty().get()).isEqualTo("Choose at least one event type.");
        assertThat(webhooks.endpoints()).isEmpty();
    }

    @Test
    void delete_endpointGone() throws Exception {
        webhooks.newUrlProperty().set(receiverUrl());
        webhooks.addEndpoint();
        drainUntil(() -> webhooks.endpoints().size() == 1);

        webhooks.delete(webhooks.endpoints().get(0));
        drainUntil(() -> webhooks.endpoints().isEmpty());

        assertThat(webhooks.messageProperty().get()).startsWith("No endpoints");
    }
}
