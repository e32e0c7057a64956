package com.royaltydesk.app.account;

import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.api.Settlement;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * On the bundled sandbox only: the app plays the other two parties so a creator can see the whole
 * loop without any other tool — a model host training on their assets (proof-of-training, with the
 * sandbox's platform key) and reporting usage of them (with the sandbox's host key) — and the
 * platform operator closing last month.
 */
public final class SandboxDemo {

    /** The model the demo "trains". */
    public static final String MODEL = "sandbox-demo-model";

    private final String baseUrl;
    private final Session.SandboxKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SandboxDemo(String baseUrl, Session.SandboxKeys keys) {
        this.baseUrl = baseUrl;
        this.keys = keys;
    }

    /** Records one training receipt per asset whose content was uploaded and checked; returns how many. */
    public int recordTraining(String creatorId, List<Asset> assets) {
        int recorded = 0;
        try (PlatformClient platform = PlatformClient.connect(baseUrl, keys.platformKey())) {
            for (Asset asset : assets) {
                if (!"verified".equals(asset.uploadStatus())) {
                    continue;
                }
                platform.proofOfTraining(Map.of(
                        "dataset_id",
                        asset.assetId(),
                        "creator_id",
                        creatorId,
                        "model_id",
                        MODEL,
                        "artifact_hash",
                        "sha256:" + randomHex(32),
                        "metadata",
                        Map.of("license", asset.license(), "portion_used", 0.25)));
                recorded++;
            }
        }
        return recorded;
    }

    /** Reports a few usage events, now, for each receipt; returns how many the platform accepted. */
    public int sendUsage(List<ReceiptSummary> receipts) {
        List<Map<String, Object>> events = new ArrayList<>();
        String now = Instant.now().toString();
        for (ReceiptSummary receipt : receipts) {
            for (int i = 0; i < 3; i++) {
                events.add(Map.of(
                        "event_id", UUID.randomUUID().toString(),
                        "model_id", receipt.modelId(),
                        "timestamp", now,
                        "tokens", 1_000 + random.nextInt(49_000),
                        "receipt_ref", receipt.receiptId()));
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        try (PlatformClient host = PlatformClient.connect(baseUrl, keys.hostKey())) {
            return host.usageEvents(events).accepted();
        }
    }

    /**
     * The sandbox's subscription pool for a demo month: what subscribers paid that the platform shares
     * among subscription-priced assets by their use. A fixed, round figure — the demo history's last.
     */
    public static final BigDecimal DEMO_POOL = new BigDecimal("950.00");

    /**
     * Settles the month before {@code today}'s (with the sandbox's platform key), as the platform
     * operator would on the first days of a month: payouts and statements appear for it.
     */
    public Settlement settleLastMonth(LocalDate today) {
        try (PlatformClient platform = PlatformClient.connect(baseUrl, keys.platformKey())) {
            return platform.settle(YearMonth.from(today).minusMonths(1), DEMO_POOL, "USD");
        }
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
