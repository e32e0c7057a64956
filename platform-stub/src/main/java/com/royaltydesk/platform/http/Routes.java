package com.royaltydesk.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.UploadGate;
import com.royaltydesk.platform.backup.Backups;
import com.royaltydesk.platform.billing.BillingServices;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.log.Witnessing;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.LogEvidence;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.receipts.SigningKeys;
import com.royaltydesk.platform.receipts.TrustRoots;
import com.royaltydesk.platform.sandbox.RateLimiter;
import com.royaltydesk.platform.usage.Corrections;
import com.royaltydesk.platform.usage.IngestionService;
import com.royaltydesk.platform.webhooks.WebhookService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one place that lists every route the platform serves. */
public final class Routes {

    /** One served route, as the OpenAPI document must list it. */
    public record Route(String method, String path) {}

    /** What the routes' handlers are built from; the platform's wired services are one. */
    public interface Services {
        ObjectMapper json();

        Clock clock();

        boolean sandbox();

        Database database();

        PlatformMetrics metrics();

        ApiKeyService keys();

        CreatorService creators();

        HostService hosts();

        AssetService assets();

        UploadGate uploadGate();

        /** How long an upload may wait for its next bytes. */
        Duration uploadReadTimeout();

        ReceiptService receipts();

        ClaimValidator claims();

        LogEvidence logEvidence();

        TrustRoots trustRoots();

        Witnessing witnessing();

        SigningKeys signingKeys();

        /** The algorithm a rotation makes new keys with. */
        SigningAlgorithm signingAlgorithm();

        IngestionService ingestion();

        Corrections corrections();

        BillingServices billing();

        WebhookService webhooks();

        Backups backups();

        RateLimiter sandboxLimiter();
    }

    static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final JavalinConfig config;
    private final List<Route> routes = new ArrayList<>();

    private Routes(JavalinConfig config) {
        this.config = config;
    }

    /** Registers every route and returns the list of them. */
    public static List<Route> install(JavalinConfig config, Services services) {
        Routes r = new Routes(config);
        Auth auth = new Auth(services.keys());
        RequestBodies bodies = new RequestBodies(services.json());
        boolean sandbox = services.sandbox();

        HealthHandler health = new HealthHandler(services.database());
        r.add(HandlerType.GET, "/health", health::get);
        r.add(HandlerType.GET, "/health/live", health::live);
        r.add(HandlerType.GET, "/health/ready", health::ready);
        r.add(HandlerType.GET, "/metrics", new MetricsHandler(services.metrics(), auth)::get);
        r.add(HandlerType.GET, "/openapi.json", new OpenApiHandler()::get);

        CreatorsHandler creators =
                new CreatorsHandler(services.creators(), services.billing().payouts(), auth, bodies, sandbox);
        r.add(HandlerType.POST, "/v1/creators", creators::create);
        r.add(HandlerType.POST, "/v1/creators/{id}/kyc", creators::setKyc);
        r.add(HandlerType.GET, "/v1/creators/me", creators::me);

        HostsHandler hosts = new HostsHandler(services.hosts(), auth, bodies);
        r.add(HandlerType.POST, "/v1/hosts", hosts::register);
        r.add(HandlerType.PATCH, "/v1/hosts/{id}", hosts::changeModels);

        ApiKeysHandler keys = new ApiKeysHandler(services.keys(), auth);
        r.add(HandlerType.DELETE, "/v1/api-keys/{id}", keys::revoke);

        AssetsHandler assets = new AssetsHandler(
                services.assets(),
                services.uploadGate(),
                services.uploadReadTimeout(),
                services.receipts(),
                auth,
                bodies);
        r.add(HandlerType.POST, "/v1/assets", assets::register);
        r.add(HandlerType.GET, "/v1/assets", assets::list);
        r.add(HandlerType.GET, "/v1/assets/{id}", assets::get);
        r.add(HandlerType.POST, "/v1/assets/{id}/price-changes", assets::setPrice);
        r.add(HandlerType.GET, "/v1/assets/{id}/price-changes", assets::priceChanges);
        r.add(HandlerType.PUT, "/v1/assets/{id}/content", assets::upload);

        ReceiptsHandler receipts = new ReceiptsHandler(
                services.receipts(), services.claims(), services.logEvidence(), services.trustRoots(), auth, bodies);
        r.add(HandlerType.POST, "/v1/proof-of-training", receipts::record);
        r.add(HandlerType.POST, "/v1/proof-of-training/batch", receipts::recordBatch);
        r.add(HandlerType.GET, "/v1/receipts", receipts::list);
        r.add(HandlerType.GET, "/v1/receipts/{id}", receipts::get);
        r.add(HandlerType.GET, "/v1/receipts/{id}/bundle", receipts::bundle);

        LogHandler log = new LogHandler(services.logEvidence(), services.witnessing(), receipts, auth, bodies);
        r.add(HandlerType.GET, "/v1/log/checkpoint", log::checkpoint);
        r.add(HandlerType.POST, "/v1/log/cosignatures", log::cosign);
        r.add(HandlerType.POST, "/v1/log/witnesses", log::registerWitness);
        r.add(HandlerType.GET, "/v1/log/inclusion", log::inclusion);
        r.add(HandlerType.GET, "/v1/log/consistency", log::consistency);

        UsageHandler usage = new UsageHandler(services.ingestion(), auth, services.json(), services.clock());
        r.add(HandlerType.POST, "/v1/usage-events", usage::ingest);
        r.add(HandlerType.POST, "/v1/usage-batches/{id}/release", usage::release);
        ReportsHandler reports = new ReportsHandler(
                services.billing().reports(), services.corrections(), auth, bodies, services.clock());
        r.add(HandlerType.POST, "/v1/usage-events/void", reports::voidEvent);
        r.add(HandlerType.GET, "/v1/usage-report", reports::usageReport);
        r.add(HandlerType.GET, "/v1/billing-preview", reports::billingPreview);
        r.add(HandlerType.GET, "/v1/earnings", reports::earnings);
        r.add(HandlerType.GET, "/v1/earnings/monthly", reports::earningsMonthly);
        r.add(HandlerType.GET, "/v1/usage/receipts", reports::lineReceipts);
        r.add(HandlerType.GET, "/v1/usage/adjustments", reports::adjustments);
        PriceSimulationsHandler simulations =
                new PriceSimulationsHandler(services.billing().priceSimulator(), auth, bodies);
        r.add(HandlerType.POST, "/v1/price-simulations", simulations::simulate);

        var billing = services.billing();
        SettlementsHandler settlements = new SettlementsHandler(
                billing.settlements(),
                billing.settlementStore(),
                billing.statements(),
                billing.balances(),
                billing.payouts(),
                auth,
                bodies);
        r.add(HandlerType.POST, "/v1/settlements", settlements::settle);
        r.add(HandlerType.GET, "/v1/settlements/{id}", settlements::get);
        r.add(HandlerType.GET, "/v1/payouts", settlements::payouts);
        r.add(HandlerType.POST, "/v1/payouts/{id}/status", settlements::reportPayout);
        r.add(HandlerType.GET, "/v1/statements", settlements::statements);
        r.add(HandlerType.GET, "/v1/balances", settlements::balances);
        DisputesHandler disputes = new DisputesHandler(billing.disputes(), services.receipts(), auth, bodies);
        r.add(HandlerType.POST, "/v1/disputes", disputes::open);
        r.add(HandlerType.GET, "/v1/disputes", disputes::list);
        r.add(HandlerType.GET, "/v1/disputes/{id}", disputes::get);
        r.add(HandlerType.POST, "/v1/disputes/{id}/resolve", disputes::resolve);

        WebhooksHandler webhooks = new WebhooksHandler(services.webhooks(), auth, bodies);
        r.add(HandlerType.POST, "/v1/webhook-endpoints", webhooks::create);
        r.add(HandlerType.GET, "/v1/webhook-endpoints", webhooks::list);
        r.add(HandlerType.DELETE, "/v1/webhook-endpoints/{id}", webhooks::delete);
        r.add(HandlerType.GET, "/v1/webhook-deliveries", webhooks::deliveries);
        r.add(HandlerType.POST, "/v1/webhook-deliveries/{id}/redeliver", webhooks::redeliver);

        r.add(HandlerType.GET, "/.well-known/jwks.json", new JwksHandler(services.signingKeys())::get);
        r.add(
                HandlerType.GET,
                "/.well-known/rdk-trust-root.json",
                new TrustRootHandler(services.trustRoots(), services.json())::get);
        SigningKeysHandler signingKeys = new SigningKeysHandler(
                services.signingKeys(), auth, bodies, services.signingAlgorithm(), services.clock());
        r.add(HandlerType.POST, "/v1/admin/signing-keys/rotate", signingKeys::rotate);
        r.add(HandlerType.POST, "/v1/admin/backups", new BackupsHandler(services.backups(), auth)::make);
        r.add(HandlerType.POST, "/v1/admin/signing-keys/{kid}/retire", signingKeys::retire);

        if (sandbox) {
            SandboxHandler demo =
                    new SandboxHandler(services.receipts(), services.claims(), bodies, services.sandboxLimiter());
            r.add(HandlerType.POST, "/v1/sandbox/proof-of-training", demo::record);
            r.add(HandlerType.GET, "/v1/sandbox/billing-preview", reports::sandboxBillingPreview);
            r.add(HandlerType.POST, com.royaltydesk.platform.webhooks.WebhookService.SANDBOX_SINK_PATH, demo::sink);
            r.add(HandlerType.POST, "/v1/sandbox/payout-failures", settlements::failPayouts);
        }

        // SPEC §1 names the charset; Javalin's json() leaves it out.
        config.routes.after(ctx -> {
            if ("application/json".equals(ctx.res().getContentType())) {
                ctx.contentType(JSON_UTF8);
            }
        });
        return Collections.unmodifiableList(r.routes);
    }

    private void add(HandlerType method, String path, Handler handler) {
        config.routes.addHttpHandler(method, path, handler);
        routes.add(new Route(method.name(), path));
    }
}
