package com.royaltydesk.platform.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.assets.AssetRegistration;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.billing.BillingServices;
import com.royaltydesk.platform.billing.SettlementService;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.ProofOfTraining;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.usage.Corrections;
import com.royaltydesk.platform.usage.IngestResult;
import com.royaltydesk.platform.usage.IngestionService;
import com.royaltydesk.platform.webhooks.WebhookService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A year of demo history for a new sandbox (issue #16, decision 0020), made through the platform's
 * own services with the {@link SandboxClock} set back day by day — so every key window, receipt
 * time, usage check, settlement, payout and statement is what the platform itself did on that day.
 *
 * <p>What it makes, deterministically (one seed; only the ids the platform draws differ): the demo
 * creator's four assets, one per price model; three models trained on them (the third in month 6);
 * two hosts; daily usage from the first day of the month twelve months back until yesterday, with
 * growth, a seasonal swing and quieter weekends; every month but the last settled on the 3rd of the
 * next, with a subscription pool; one payout failed (paid with the next month's); one voided event
 * with its reason; one burst held by anti-fraud and released the next day; one open dispute; the
 * per-use dataset's price raised from month ten on. The last month is left for "Settle last month".
 */
public final class DemoHistory {

    public static final String CREATOR = SandboxBootstrap.DEMO_CREATOR;

    /** The three other assets beside the bootstrap's per-use demo dataset. */
    static final String FIELD_RECORDINGS = "ds_demo_field_recordings";

    static final String NEWS_ARCHIVE = "ds_demo_news_archive";
    static final String PHOTO_CAPTIONS = "ds_demo_photo_captions";

    static final String ATLAS = "atlas-7b";
    static final String LYRA = "lyra-13b";
    static final String ORION = "orion-70b";

    /** The month (counted from the first, 0) from which the per-use demo dataset earns {@link #RAISED_RATE}. */
    public static final int PRICE_RAISED_IN = 9;

    public static final BigDecimal RAISED_RATE = new BigDecimal("0.00012");

    /** Months of usage before the current one; all but the last are settled. */
    static final int MONTHS = 12;

    /** Tokens in one burst event; 21 of them on one receipt in one batch pass the default 200 M limit. */
    private static final long BURST_TOKENS = 10_000_000L;

    private static final int BURST_EVENTS = 21;

    /** What was made and how long it took, for the start's log line and BENCHMARKS.md. */
    public record Summary(
            YearMonth first, YearMonth unsettled, int receipts, long events, int settlements, Duration took) {
        public String words() {
            return "Demo history made: " + first + " to today, " + receipts + " receipts, " + events + " usage events, "
                    + settlements + " settled months (" + unsettled + " left to settle), in " + took.toMillis()
                    + " ms.";
        }
    }

    /** One training run: a receipt, and the usage it earns from the day after. */
    private record Trained(String receiptId, String assetId, String modelId, LocalDate from, long baseTokens) {}

    /** The services a history is made through, as a user's requests would be; the platform's are one. */
    public interface Services {
        Jdbc jdbc();

        ObjectMapper json();

        AssetService assets();

        HostService hosts();

        WebhookService webhooks();

        ReceiptService receipts();

        ClaimValidator claims();

        IngestionService ingestion();

        Corrections corrections();

        BillingServices billing();
    }

    private final Services services;
    private final SandboxClock clock;
    private final LocalDate firstDay;
    private final Random random = new Random(2026);
    private final List<Trained> trained = new ArrayList<>();
    private String otherHost;
    private long events;
    private int settlements;

    public DemoHistory(Services services, SandboxClock clock) {
        this.services = services;
        this.clock = clock;
        this.firstDay = YearMonth.from(clock.realNow().atZone(ZoneOffset.UTC))
                .minusMonths(MONTHS)
                .atDay(1);
    }

    /**
     * Sets the clock to the history's first morning: call before the platform makes its keys and the
     * sandbox bootstrap runs, so their windows and rows begin there too.
     */
    public void travelToItsStart() {
        clock.travelTo(at(firstDay, 7));
    }

    /** Makes the history (after the bootstrap), then sets the clock back to real time. */
    public Summary make() {
        long started = System.nanoTime();
        try {
            clock.travelTo(at(firstDay, 8));
            registerAssetsAndHost();
            LocalDate today = clock.realNow().atZone(ZoneOffset.UTC).toLocalDate();
            for (LocalDate day = firstDay; day.isBefore(today); day = day.plusDays(1)) {
                live(day);
            }
        } finally {
            clock.backToNow();
        }
        // Making the year grows the heap by ~200 MB of garbage; a full collection now lets G1 give
        // it back to the OS, so a first start does not keep it resident (BENCHMARKS.md).
        System.gc();
        return new Summary(
                YearMonth.from(firstDay),
                YearMonth.from(firstDay).plusMonths(MONTHS - 1),
                trained.size(),
                events,
                settlements,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void registerAssetsAndHost() {
        services.jdbc().inTransaction(c -> {
            services.assets()
                    .registerProven(
                            c,
                            FIELD_RECORDINGS,
                            CREATOR,
                            asset(
                                    FIELD_RECORDINGS,
                                    "Field recordings 2019-2025",
                                    "Ambient and wildlife recordings, annotated.",
                                    new PriceModel("rev_share", null, new BigDecimal("0.15"), null, null, "USD")),
                            content(FIELD_RECORDINGS));
            services.assets()
                    .registerProven(
                            c,
                            NEWS_ARCHIVE,
                            CREATOR,
                            asset(
                                    NEWS_ARCHIVE,
                                    "Regional news archive",
                                    "Thirty years of a regional newspaper, OCR-corrected.",
                                    new PriceModel(
                                            "floor_plus",
                                            new BigDecimal("0.00002"),
                                            null,
                                            new BigDecimal("250.00"),
                                            null,
                                            "USD")),
                            content(NEWS_ARCHIVE));
            services.assets()
                    .registerProven(
                            c,
                            PHOTO_CAPTIONS,
                            CREATOR,
                            asset(
                                    PHOTO_CAPTIONS,
                                    "Photo captions corpus",
                                    "Hand-written captions for licensed photographs.",
                                    new PriceModel(
                                            "subscription_bonus", null, null, null, new BigDecimal("1.5"), "USD")),
                            content(PHOTO_CAPTIONS));
            return null;
        });
        otherHost = services.hosts()
                .register("Northwind Inference", List.of(LYRA, ORION))
                .hostId();
        // The creator's webhook endpoint: the sandbox's own receiver (its port is set at each start),
        // so the year's payouts, disputes and receipts arrive as deliveries once the platform serves.
        services.webhooks()
                .create(
                        CREATOR,
                        "http://127.0.0.1:1" + com.royaltydesk.platform.webhooks.WebhookService.SANDBOX_SINK_PATH,
                        com.royaltydesk.platform.webhooks.EventTypes.ALL);
    }

    /** One day: training on its planned days, the day's usage, and the month's corrections and closing. */
    private void live(LocalDate day) {
        int month = (int) java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(firstDay), YearMonth.from(day));
        if (day.getDayOfMonth() == 2 && month == 0) {
            train(day, ATLAS, SandboxBootstrap.DEMO_DATASET, 90_000);
            train(day, ATLAS, FIELD_RECORDINGS, 60_000);
            train(day, ATLAS, NEWS_ARCHIVE, 120_000);
        }
        if (day.getDayOfMonth() == 10 && month == 1) {
            train(day, LYRA, SandboxBootstrap.DEMO_DATASET, 70_000);
            train(day, LYRA, PHOTO_CAPTIONS, 80_000);
            train(day, LYRA, FIELD_RECORDINGS, 50_000);
        }
        if (day.getDayOfMonth() == 15 && month == 5) {
            train(day, ORION, NEWS_ARCHIVE, 200_000);
            train(day, ORION, PHOTO_CAPTIONS, 150_000);
            train(day, ORION, SandboxBootstrap.DEMO_DATASET, 160_000);
        }
        if (day.getDayOfMonth() == 3 && month >= 1 && month < MONTHS) {
            settle(YearMonth.from(day).minusMonths(1), month == 6);
        }
        List<String> todaysEvents = use(day);
        if (month == 7 && day.getDayOfMonth() == 12 && !todaysEvents.isEmpty()) {
            clock.travelTo(at(day, 21));
            services.corrections()
                    .voidEvent(
                            SandboxBootstrap.DEMO_HOST,
                            todaysEvents.get(0),
                            "The host sent this event twice after a timeout; voided at the host's request.");
        }
        if (month == 8 && day.getDayOfMonth() == 20) {
            burstHeldThenReleased(day);
        }
        if (month == PRICE_RAISED_IN - 1 && day.getDayOfMonth() == 25) {
            // The creator applies a better price from next month: earlier months keep theirs.
            clock.travelTo(at(day, 22));
            services.assets()
                    .schedulePrice(
                            CREATOR,
                            SandboxBootstrap.DEMO_DATASET,
                            new PriceModel("per_use", RAISED_RATE, null, null, null, "USD"),
                            YearMonth.from(day).plusMonths(1));
        }
        if (month == MONTHS - 1 && day.getDayOfMonth() == 18) {
            clock.travelTo(at(day, 22));
            // On a receipt that earns per token, so the hold at the next settlement is money to see.
            String receipt = first(NEWS_ARCHIVE, ORION).receiptId();
            services.billing()
                    .disputes()
                    .open(
                            CREATOR,
                            receipt,
                            "The receipt says 40% of the archive was used; the host's logs show only the 2010-2020"
                                    + " issues.",
                            "creator");
        }
    }

    private void train(LocalDate day, String model, String assetId, long baseTokens) {
        clock.travelTo(at(day, 9).plusSeconds(trained.size() * 60L));
        ProofOfTraining claim = new ProofOfTraining(
                assetId,
                CREATOR,
                model,
                "sha256:" + sha256Hex(("demo model weights " + model).getBytes(StandardCharsets.UTF_8)),
                null,
                new ProofOfTraining.Metadata(
                        assetId.equals(PHOTO_CAPTIONS) ? "cc-by-nc-4.0" : "cc-by-4.0",
                        new BigDecimal(assetId.equals(NEWS_ARCHIVE) ? "0.40" : "0.25"),
                        "demo history: " + model + " training run"));
        String receiptId = services.receipts()
                .issue(services.claims().validate(claim, true), null, null)
                .receipt()
                .receiptId();
        trained.add(new Trained(receiptId, assetId, model, day.plusDays(1), baseTokens));
    }

    /** The day's events, stamped through the day and sent by each host in one batch at 20:00. */
    private List<String> use(LocalDate day) {
        Map<String, ArrayNode> byHost = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        double shape = shape(day);
        for (int r = 0; r < trained.size(); r++) {
            Trained run = trained.get(r);
            if (day.isBefore(run.from())) {
                continue;
            }
            int count = 1 + random.nextInt(3);
            for (int n = 0; n < count; n++) {
                long tokens = Math.max(1, Math.round(run.baseTokens() * shape * (0.85 + 0.3 * random.nextDouble())));
                String id = "demo-" + day + "-" + r + "-" + n;
                ObjectNode event = services.json().createObjectNode();
                event.put("event_id", id);
                event.put("model_id", run.modelId());
                event.put("timestamp", at(day, 8 + n * 4).plusSeconds(r * 97L).toString());
                event.put("tokens", tokens);
                event.put("receipt_ref", run.receiptId());
                if (run.assetId().equals(FIELD_RECORDINGS)) {
                    // What the host charged for the answers this content helped with: rev_share's base.
                    event.put(
                            "revenue",
                            BigDecimal.valueOf(tokens)
                                    .multiply(new BigDecimal("0.0004"))
                                    .setScale(2, RoundingMode.HALF_UP));
                }
                String host = run.modelId().equals(ATLAS) || day.getDayOfMonth() % 2 == 0
                        ? SandboxBootstrap.DEMO_HOST
                        : otherHost;
                byHost.computeIfAbsent(host, h -> services.json().createArrayNode())
                        .add(event);
                ids.add(id);
            }
        }
        clock.travelTo(at(day, 20));
        byHost.forEach((host, batch) -> {
            IngestResult result = services.ingestion().ingest(host, batch);
            if (!result.rejected().isEmpty()) {
                throw new IllegalStateException("the demo history's usage was refused: " + result.rejected());
            }
            events += result.accepted();
        });
        return ids;
    }

    /** Growth over the year (×2.5), a seasonal swing (±20 %, high in late autumn), quieter weekends. */
    private double shape(LocalDate day) {
        double progress = java.time.temporal.ChronoUnit.DAYS.between(firstDay, day) / 365.0;
        double season = 1 + 0.2 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 320) / 365.0);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (1 + 1.5 * progress) * season * (weekend ? 0.7 : 1.0);
    }

    /**
     * A host sends far more tokens on one receipt in one batch than the anti-fraud limit allows: the
     * platform holds the batch's events; the next morning the platform operator releases them.
     */
    private void burstHeldThenReleased(LocalDate day) {
        Trained run = first(FIELD_RECORDINGS, LYRA);
        ArrayNode batch = services.json().createArrayNode();
        for (int n = 0; n < BURST_EVENTS; n++) {
            ObjectNode event = services.json().createObjectNode();
            event.put("event_id", "demo-burst-" + day + "-" + n);
            event.put("model_id", run.modelId());
            event.put("timestamp", at(day, 21).toString());
            event.put("tokens", BURST_TOKENS);
            event.put("receipt_ref", run.receiptId());
            event.put("revenue", new BigDecimal("1.20"));
            batch.add(event);
        }
        clock.travelTo(at(day, 21).plusSeconds(60));
        IngestResult held = services.ingestion().ingest(otherHost, batch);
        if (held.held() != BURST_EVENTS) {
            throw new IllegalStateException("the demo burst was not held: " + held);
        }
        clock.travelTo(at(day.plusDays(1), 7));
        events += services.ingestion().release(held.processingBatch());
    }

    /** Settles a month on the 3rd of the next; {@code failThePayout}: the rail refuses this one. */
    private void settle(YearMonth month, boolean failThePayout) {
        clock.travelTo(at(month.plusMonths(1).atDay(3), 6));
        if (failThePayout) {
            services.billing().payouts().failPayoutsFor(CREATOR);
        }
        BigDecimal pool =
                new BigDecimal("400.00").add(new BigDecimal("50.00").multiply(BigDecimal.valueOf(settlements)));
        services.billing().settlements().settle(month, new SettlementService.Pool(pool, "USD"));
        if (failThePayout) {
            services.billing().payouts().stopFailingPayoutsFor(CREATOR);
        }
        settlements++;
    }

    private Trained first(String assetId, String model) {
        return trained.stream()
                .filter(t -> t.assetId().equals(assetId) && t.modelId().equals(model))
                .findFirst()
                .orElseThrow();
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC);
    }

    private static AssetRegistration asset(String assetId, String name, String description, PriceModel price) {
        byte[] content = content(assetId);
        return new AssetRegistration(
                name, description, "cc-by-4.0", price, List.of("sha256:" + sha256Hex(content)), (long) content.length);
    }

    /** Each demo asset's content: its own bytes, so its proven hash differs from the others'. */
    private static byte[] content(String assetId) {
        return ("Royalty Desk demo history: " + assetId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
