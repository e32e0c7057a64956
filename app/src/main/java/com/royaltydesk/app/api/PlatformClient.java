package com.royaltydesk.app.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The app's only way to talk to a platform, embedded or remote. Calls block, so view models make
 * them through {@code BackgroundTasks}; failures come back as {@link ApiException}.
 */
public final class PlatformClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final PlatformApi api;
    private final PlatformApi uploads;

    private PlatformClient(
            String baseUrl, OkHttpClient http, ObjectMapper mapper, PlatformApi api, PlatformApi uploads) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.mapper = mapper;
        this.api = api;
        this.uploads = uploads;
    }

    /** Builds a client for {@code baseUrl} (no trailing slash needed) with no key; does no I/O. */
    public static PlatformClient connect(String baseUrl) {
        return connect(baseUrl, null);
    }

    /** The same, sending {@code apiKey} as a bearer token on every call. */
    public static PlatformClient connect(String baseUrl, String apiKey) {
        String root = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        OkHttpClient.Builder builder =
                new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).callTimeout(CALL_TIMEOUT);
        if (apiKey != null) {
            builder.addInterceptor(chain -> chain.proceed(chain.request()
                    .newBuilder()
                    .header("Authorization", "Bearer " + apiKey)
                    .build()));
        }
        OkHttpClient http = builder.build();
        ObjectMapper mapper = mapper();
        // Uploads of several GB take as long as they take: no overall call timeout for them.
        OkHttpClient uploadHttp = http.newBuilder().callTimeout(Duration.ZERO).build();
        return new PlatformClient(
                root.substring(0, root.length() - 1),
                http,
                mapper,
                retrofit(root, http, mapper),
                retrofit(root, uploadHttp, mapper));
    }

    private static PlatformApi retrofit(String root, OkHttpClient http, ObjectMapper mapper) {
        return new Retrofit.Builder()
                .baseUrl(root)
                .client(http)
                .addConverterFactory(JacksonConverterFactory.create(mapper))
                .build()
                .create(PlatformApi.class);
    }

    /** A tolerant reader: the platform may add fields; money never goes through a double. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public HealthResponse health() {
        return execute(api.health());
    }

    /** Who this client's key belongs to. */
    public CreatorProfile me() {
        return execute(api.me());
    }

    /** Signs up a new creator (open on a sandbox platform); the answer holds its only copy of the key. */
    public SignUp signUp(String displayName) {
        return execute(api.signUp(displayName == null ? Map.of() : Map.of("display_name", displayName)));
    }

    public AssetPage assets(String cursor, int limit) {
        return execute(api.assets(cursor, limit));
    }

    public RegisteredAsset registerAsset(AssetRegistration registration) {
        return execute(api.registerAsset(registration));
    }

    /**
     * Streams {@code file} to the asset's upload URL, never holding it in memory; {@code progress}
     * hears the bytes sent so far. The platform hashes what arrives and rejects a mismatch.
     */
    public Asset uploadContent(String uploadUrl, Path file, LongConsumer progress) {
        return execute(uploads.uploadContent(uploadUrl, new FileUpload(file, progress)));
    }

    /** Records proof-of-training (needs a platform key); the claim is the platform's JSON body. */
    public RecordedReceipt proofOfTraining(Map<String, Object> claim) {
        return execute(api.proofOfTraining(claim));
    }

    /** The asset's registered price and every change, oldest month first. */
    public PriceChanges priceChanges(String assetId) {
        return execute(api.priceChanges(assetId));
    }

    /**
     * Sets the asset's price from {@code effectiveFrom} on (a month to come): earlier months, and
     * their statements, keep the price they were counted at.
     */
    public PriceChanges.Change changePrice(String assetId, PriceModel price, java.time.YearMonth effectiveFrom) {
        return execute(
                api.changePrice(assetId, Map.of("price_model", price, "effective_from", effectiveFrom.toString())));
    }

    /**
     * What {@code assetId} would have earned under {@code candidate} from {@code from} to {@code to}
     * (both included, at most 24 months), beside what it did earn; computed by the platform, exactly.
     */
    public PriceSimulation simulatePrice(
            String assetId, PriceModel candidate, java.time.YearMonth from, java.time.YearMonth to) {
        return execute(api.simulatePrice(
                Map.of("asset_id", assetId, "price_model", candidate, "from", from.toString(), "to", to.toString())));
    }

    /**
     * Settles {@code period} (needs a platform key): the platform books every creator's earnings of
     * that month, pays out what passes the threshold and writes the statements. Settling a month
     * twice answers the first settlement.
     */
    public Settlement settle(java.time.YearMonth period, java.math.BigDecimal subscriptionPool, String currency) {
        return execute(api.settle(Map.of(
                "period", period.toString(),
                "subscription_pool", Map.of("amount", subscriptionPool, "currency", currency))));
    }

    /** Asks the platform for a backup of its data folder (needs a platform key; H2 platforms only). */
    public BackupWritten backup() {
        return execute(api.backup());
    }

    /** Reports usage (needs a model-host key): {@code events} as the platform's JSON events. */
    public UsageAccepted usageEvents(List<Map<String, Object>> events) {
        return execute(api.usageEvents(Map.of("events", events)));
    }

    /** This key's webhook endpoints (a creator's own). */
    public List<WebhookEndpoint> webhookEndpoints() {
        return execute(api.webhookEndpoints()).endpoints();
    }

    /** Registers an endpoint; the answer carries its signing secret, which the platform shows only once. */
    public WebhookEndpoint createWebhookEndpoint(String url, List<String> eventTypes) {
        return execute(api.createWebhookEndpoint(Map.of("url", url, "event_types", eventTypes)));
    }

    public void deleteWebhookEndpoint(String endpointId) {
        executeWithoutBody(api.deleteWebhookEndpoint(endpointId));
    }

    /** The endpoint's deliveries, newest first, each with its attempts. */
    public List<WebhookDelivery> webhookDeliveries(String endpointId, int limit) {
        return execute(api.webhookDeliveries(endpointId, limit)).deliveries();
    }

    /** Queues the delivery again; it is attempted within a second or so. */
    public void redeliver(String deliveryId) {
        execute(api.redeliver(deliveryId));
    }

    public ReceiptPage receipts(String cursor, int limit, String modelId) {
        return receipts(cursor, limit, modelId, null);
    }

    /** A page of receipts, optionally only one model's and/or one asset's (its dataset id). */
    public ReceiptPage receipts(String cursor, int limit, String modelId, String assetId) {
        return execute(api.receipts(cursor, limit, modelId, assetId));
    }

    public Earnings earnings(String period, String groupBy) {
        return execute(api.earnings(period, groupBy));
    }

    /** Usage earnings month by month from {@code from} to {@code to} (at most 24 months). */
    public MonthlyEarnings earningsMonthly(java.time.YearMonth from, java.time.YearMonth to, String groupBy) {
        return execute(api.earningsMonthly(from.toString(), to.toString(), groupBy));
    }

    public BillingPreview billingPreview() {
        return execute(api.billingPreview());
    }

    public Balances balances() {
        return execute(api.balances());
    }

    public Payouts payouts() {
        return execute(api.payouts());
    }

    /** One of the static demo pages the platform serves, as HTML text. */
    public String demoPage(String page) {
        try (ResponseBody body = execute(api.demoPage(page))) {
            return body.string();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
    }

    /**
     * The month's statements as the platform renders them in CSV (one block per currency, each
     * ending in its digest row); a month not settled yet is a 404 {@link ApiException}.
     */
    public String statementCsv(String period) {
        try (ResponseBody body = execute(api.statements(period, "csv"))) {
            return body.string();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
    }

    /**
     * The month's statements, one per currency, complete: every page of lines and every receipt of
     * each line (the platform pages both); a month not settled yet is a 404 {@link ApiException}.
     */
    public List<Statement> statements(String period) {
        List<Statement> complete = new ArrayList<>();
        for (Statement first : execute(api.statementList(period, null)).statements()) {
            List<Statement.Line> lines = new ArrayList<>(first.lines());
            for (String cursor = first.linesNextCursor(); cursor != null; ) {
                Statement next =
                        execute(api.statementList(period, cursor)).statements().get(0);
                lines.addAll(next.lines());
                cursor = next.linesNextCursor();
            }
            lines.replaceAll(line -> line.receiptsCut() ? line.withReceiptIds(allReceipts(period, line)) : line);
            complete.add(first.complete(lines));
        }
        return complete;
    }

    private List<String> allReceipts(String period, Statement.Line line) {
        return receiptsBehind(period, line.assetId(), line.modelId());
    }

    /** Every receipt behind one usage line (a month, an asset, a model), all pages read. */
    public List<String> receiptsBehind(String period, String assetId, String modelId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            ReceiptIdPage page = execute(api.lineReceipts(period, assetId, modelId, cursor));
            ids.addAll(page.receiptIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    /** The most disputes the app reads (20 pages); beyond it the caller is told, never a silent cut. */
    public static final int MAX_DISPUTES = 10_000;

    /** This creator's disputes, newest first, every page up to {@link #MAX_DISPUTES}. */
    public List<Disputes.Dispute> disputes() {
        List<Disputes.Dispute> all = new ArrayList<>();
        String cursor = null;
        do {
            Disputes page = execute(api.disputes(cursor));
            all.addAll(page.disputes());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < MAX_DISPUTES);
        return all;
    }

    /** Disputes one of this creator's receipts: its earnings are held out of payouts until resolved. */
    public Disputes.Dispute openDispute(String receiptId, String reason) {
        return execute(api.openDispute(Map.of("receipt_id", receiptId, "reason", reason)));
    }

    /** Every correction booked into {@code period} (all pages): voided events with their reasons. */
    public List<Adjustments.Adjustment> adjustments(String period) {
        List<Adjustments.Adjustment> all = new ArrayList<>();
        String cursor = null;
        do {
            Adjustments page = execute(api.adjustments(period, cursor));
            all.addAll(page.adjustments());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** Every usage line of a month (all pages), each with the first receipts behind it. */
    public List<UsageReport.Line> usageLines(String period) {
        List<UsageReport.Line> lines = new ArrayList<>();
        String cursor = null;
        do {
            UsageReport page = execute(api.usageReport(period, cursor));
            lines.addAll(page.lineItems());
            cursor = page.nextCursor();
        } while (cursor != null);
        return lines;
    }

    /** The receipt's offline bundle as JSON text (consistency proofs are fetched separately, when needed). */
    public String bundle(String receiptId) {
        try (ResponseBody body = execute(api.bundle(receiptId, null))) {
            return body.string();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
    }

    /** The platform's trust root as JSON text: what a user is asked to trust, never trusted by itself. */
    public String trustRoot() {
        try (ResponseBody body = execute(api.trustRoot())) {
            return body.string();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
    }

    /** The log's newest checkpoint, the signed note exactly as sent (nothing in it is trusted yet). */
    public String checkpointNote() {
        try (ResponseBody body = execute(api.checkpointNote())) {
            return body.string();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
    }

    /** The RFC 9162 consistency proof between two sizes of the log, as raw hashes. */
    public List<byte[]> consistency(long first, long second) {
        return execute(api.consistency(first, second)).hashes().stream()
                .map(java.util.HexFormat.of()::parseHex)
                .toList();
    }

    private void executeWithoutBody(Call<Void> call) {
        Response<Void> response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
        if (!response.isSuccessful()) {
            throw errorFrom(response);
        }
    }

    private <T> T execute(Call<T> call) {
        Response<T> response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        }
        if (response.isSuccessful() && response.body() != null) {
            return response.body();
        }
        throw errorFrom(response);
    }

    /** Reads the platform's one error shape; anything else becomes a generic message. */
    private ApiException errorFrom(Response<?> response) {
        String code = "http_" + response.code();
        String message = "The platform answered " + response.code() + ".";
        String field = null;
        try (ResponseBody body = response.errorBody()) {
            if (body != null) {
                JsonNode error = mapper.readTree(body.string()).path("error");
                code = error.path("code").asText(code);
                message = error.path("message").asText(message);
                field = error.path("field").isTextual() ? error.path("field").asText() : null;
            }
        } catch (IOException | RuntimeException e) {
            // Not our error shape (a proxy's HTML page, say): keep the generic message.
        }
        return new ApiException(response.code(), code, message, field, null);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
