package com.royaltydesk.app.ui.webhooks;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.WebhookDelivery;
import com.royaltydesk.app.api.WebhookEndpoint;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.concurrency.NewestOnly;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Webhooks: the creator's endpoints (add — the signing secret is shown once — and delete), the
 * selected endpoint's deliveries with status and next retry, each delivery's attempts, redeliver.
 */
public final class WebhooksViewModel {

    /** The event types an endpoint can ask for, in the order the form lists them. */
    static final List<String> EVENT_TYPES =
            List.of("receipt.issued", "settlement.completed", "payout.paid", "payout.failed", "dispute.created");

    private static final int DELIVERIES_SHOWN = 100;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    /** A delivery as the table shows it. */
    public record DeliveryRow(
            String deliveryId,
            String eventType,
            String status,
            int attempts,
            String lastResult,
            String nextRetry,
            String created,
            List<String> attemptLines) {}

    private final BackgroundTasks tasks;
    private final NewestOnly newest = new NewestOnly();
    private final ObservableList<WebhookEndpoint> endpoints = FXCollections.observableArrayList();
    private final ObservableList<DeliveryRow> deliveries = FXCollections.observableArrayList();
    private final ObservableList<String> attempts = FXCollections.observableArrayList();
    private final StringProperty newUrl = new SimpleStringProperty("");
    private final Map<String, BooleanProperty> newTypes = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper secret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private PlatformClient client;
    private WebhookEndpoint selected;

    public WebhooksViewModel(BackgroundTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        for (String type : EVENT_TYPES) {
            newTypes.put(type, new SimpleBooleanProperty(type.equals("receipt.issued")));
        }
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        selected = null;
        deliveries.clear();
        attempts.clear();
        secret.set("");
        refresh();
    }

    /** Reloads the endpoints, and the selected endpoint's deliveries. */
    public void refresh() {
        if (client == null) {
            return;
        }
        PlatformClient source = client;
        tasks.run(source::webhookEndpoints, newest.ask(this::showEndpoints), this::showError);
        if (selected != null) {
            loadDeliveries(selected);
        }
    }

    private void showEndpoints(List<WebhookEndpoint> loaded) {
        endpoints.setAll(loaded);
        message.set(
                loaded.isEmpty()
                        ? "No endpoints yet. Add the URL of a server that should hear about your receipts and"
                                + " payouts."
                        : loaded.size() + (loaded.size() == 1 ? " endpoint" : " endpoints")
                                + ". Select one to see its deliveries.");
    }

    public void addEndpoint() {
        String url = newUrl.get() == null ? "" : newUrl.get().strip();
        List<String> types = new ArrayList<>();
        newTypes.forEach((type, chosen) -> {
            if (chosen.get()) {
                types.add(type);
            }
        });
        if (url.isEmpty()) {
            message.set("Write the URL that should receive the events, like https://example.com/hooks.");
            return;
        }
        if (types.isEmpty()) {
            message.set("Choose at least one event type.");
            return;
        }
        if (client == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> target.createWebhookEndpoint(url, types),
                created -> {
                    secret.set(created.secret());
                    newUrl.set("");
                    message.set("Added. Copy the signing secret now: the platform shows it only once.");
                    refresh();
                },
                this::showError);
    }

    public void delete(WebhookEndpoint endpoint) {
        if (client == null || endpoint == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> {
                    target.deleteWebhookEndpoint(endpoint.endpointId());
                    return endpoint;
                },
                gone -> {
                    if (selected != null && selected.endpointId().equals(gone.endpointId())) {
                        selected = null;
                        deliveries.clear();
                        attempts.clear();
                    }
                    message.set("Deleted " + gone.url() + "; its pending deliveries will not be sent.");
                    refresh();
                },
                this::showError);
    }

    public void select(WebhookEndpoint endpoint) {
        selected = endpoint;
        attempts.clear();
        if (endpoint == null) {
            deliveries.clear();
            return;
        }
        loadDeliveries(endpoint);
    }

    private void loadDeliveries(WebhookEndpoint endpoint) {
        PlatformClient source = client;
        tasks.run(
                () -> source.webhookDeliveries(endpoint.endpointId(), DELIVERIES_SHOWN),
                loaded -> {
                    if (selected != null && selected.endpointId().equals(endpoint.endpointId())) {
                        deliveries.setAll(
                                loaded.stream().map(WebhooksViewModel::row).toList());
                    }
                },
                this::showError);
    }

    public void selectDelivery(DeliveryRow delivery) {
        attempts.setAll(delivery == null ? List.of() : delivery.attemptLines());
    }

    public void redeliver(DeliveryRow delivery) {
        if (client == null || delivery == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> {
                    target.redeliver(delivery.deliveryId());
                    return delivery;
                },
                queued -> {
                    message.set("Queued " + queued.eventType() + " again; refresh in a moment to see the attempt.");
                    refresh();
                },
                this::showError);
    }

    private static DeliveryRow row(WebhookDelivery d) {
        List<String> lines = new ArrayList<>();
        if (d.log() != null) {
            int n = 0;
            for (WebhookDelivery.Attempt a : d.log()) {
                n++;
                lines.add("#" + n + "  " + WHEN.format(a.attemptedAt()) + "  "
                        + (a.statusCode() != null ? "HTTP " + a.statusCode() : "no answer: " + a.error())
                        + "  (" + a.durationMs() + " ms)");
            }
        }
        String last = d.lastStatusCode() != null
                ? "HTTP " + d.lastStatusCode()
                : d.lastError() != null ? d.lastError() : "not tried yet";
        String next = "pending".equals(d.status()) && d.nextAttemptAt() != null ? WHEN.format(d.nextAttemptAt()) : "—";
        return new DeliveryRow(
                d.deliveryId(),
                d.eventType(),
                d.status(),
                d.attempts(),
                last,
                next,
                WHEN.format(d.createdAt()),
                List.copyOf(lines));
    }

    private void showError(Throwable error) {
        message.set(error.getMessage());
    }

    public ObservableList<WebhookEndpoint> endpoints() {
        return endpoints;
    }

    public ObservableList<DeliveryRow> deliveries() {
        return deliveries;
    }

    public ObservableList<String> attempts() {
        return attempts;
    }

    public StringProperty newUrlProperty() {
        return newUrl;
    }

    /** Whether the new endpoint asks for {@code type}. */
    public BooleanProperty newTypeProperty(String type) {
        return newTypes.get(type);
    }

    /** The signing secret of the endpoint just added; empty otherwise. */
    public ReadOnlyStringProperty secretProperty() {
        return secret.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
