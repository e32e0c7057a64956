package com.royaltydesk.platform.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.MoneyBounds;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.Receipt;
import com.royaltydesk.platform.receipts.ReceiptService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one event of a batch against the rules and attributes it: the receipt must exist and name
 * the event's model; tokens, timestamp and revenue must be in bounds. Lookups are cached for the
 * batch, since a batch usually repeats a handful of receipts.
 */
final class EventValidator {

    private static final Set<String> FIELDS =
            Set.of("event_id", "model_id", "timestamp", "tokens", "receipt_ref", "revenue");

    private final ReceiptService receipts;
    private final AssetService assets;
    private final UsageLimits limits;
    private final Instant now;
    private final Set<String> closedPeriods;
    private final Set<String> servedModels;
    private final Map<String, Optional<Receipt>> receiptCache = new HashMap<>();
    private final Map<String, Asset> assetCache = new HashMap<>();
    /** The price in force per asset and month, looked up once per batch. */
    private final Map<String, PriceModel> priceCache = new HashMap<>();

    private Asset lastPricedAsset;
    private String lastPricedPeriod;
    private PriceModel lastPrice;

    EventValidator(
            ReceiptService receipts,
            AssetService assets,
            UsageLimits limits,
            Instant now,
            Set<String> closedPeriods,
            Set<String> servedModels) {
        this.servedModels = servedModels;
        this.receipts = receipts;
        this.assets = assets;
        this.limits = limits;
        this.now = now;
        this.closedPeriods = closedPeriods;
    }

    /** A priced event, or a rejection thrown as {@link Rejected}. */
    PricedEvent validate(int index, JsonNode event) {
        if (!event.isObject()) {
            throw new Rejected(new Rejection(index, null, "invalid_event", "Each event must be a JSON object."));
        }
        String eventId = text(event, "event_id");
        try {
            return price(index, eventId, event);
        } catch (ApiException e) {
            throw new Rejected(new Rejection(index, eventId, "invalid_event", e.getMessage()));
        }
    }

    private PricedEvent price(int index, String eventId, JsonNode event) {
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw reject(index, eventId, "invalid_event", "Unknown field '" + name + "'.");
            }
        }
        boolean given = event.has("event_id");
        if (given
                && (eventId == null
                        || eventId.isEmpty()
                        || eventId.length() > 128
                        || eventId.startsWith(DerivedEventId.PREFIX)
                        || !eventId.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw reject(
                    index,
                    eventId,
                    "invalid_event",
                    "event_id must be 1-128 visible ASCII characters, not starting with " + DerivedEventId.PREFIX
                            + ".");
        }
        String modelId = ClaimValidator.modelId(text(event, "model_id"));
        // Before the receipt is looked up: a host that does not serve the model learns nothing about it.
        if (!servedModels.contains(HostService.EVERY_MODEL) && !servedModels.contains(modelId)) {
            throw reject(index, eventId, "model_not_served", "This host does not serve model " + modelId + ".");
        }
        Instant time = timestamp(index, eventId, text(event, "timestamp"));
        long tokens = tokens(index, eventId, event.get("tokens"));
        Receipt receipt = receipt(index, eventId, text(event, "receipt_ref"));
        if (!receipt.modelId().equals(modelId)) {
            throw reject(
                    index,
                    eventId,
                    "receipt_model_mismatch",
                    "Receipt " + receipt.receiptId() + " was issued for model " + receipt.modelId() + ", not " + modelId
                            + ".");
        }
        if (closedPeriods.contains(Periods.of(time))) {
            throw reject(
                    index,
                    eventId,
                    "period_closed",
                    "Period " + Periods.of(time) + " is already settled; late events are not accepted.");
        }
        Asset asset = assetCache.computeIfAbsent(receipt.datasetId(), id -> assets.get(null, id));
        BigDecimal revenue = revenue(index, eventId, event.get("revenue"));
        if (!given) {
            // The seed's events carry no id: one is derived from what the event says (decision 0014).
            eventId = DerivedEventId.of(modelId, time, tokens, receipt.receiptId(), revenue);
        }
        // The price in force in the event's month: a change applies from its month on (issue #16).
        PriceModel price = priceIn(asset, Periods.of(time));
        if (revenue == null && "rev_share".equals(price.type())) {
            throw reject(
                    index,
                    eventId,
                    "revenue_required",
                    "Asset " + asset.assetId() + " is paid by revenue share; send revenue.");
        }
        return new PricedEvent(
                index,
                eventId,
                modelId,
                receipt.receiptId(),
                asset.assetId(),
                asset.creatorId(),
                time,
                tokens,
                revenue,
                Pricing.amount(price, tokens, revenue),
                Pricing.units(price, tokens),
                price.currency());
    }

    /**
     * The price of {@code asset} in force in {@code period}, looked up once per batch; a batch's
     * events mostly share one asset and month, so the last answer is kept in front of the map.
     */
    private PriceModel priceIn(Asset asset, String period) {
        if (asset != lastPricedAsset || !period.equals(lastPricedPeriod)) {
            lastPrice =
                    priceCache.computeIfAbsent(asset.assetId() + "|" + period, key -> assets.priceIn(asset, period));
            lastPricedAsset = asset;
            lastPricedPeriod = period;
        }
        return lastPrice;
    }

    private Instant timestamp(int index, String eventId, String value) {
        Instant time;
        try {
            time = EventTimestamp.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw reject(
                    index,
                    eventId,
                    "invalid_event",
                    "timestamp must be an ISO-8601 date-time with an offset, e.g. 2026-01-17T12:01:00Z.");
        }
        if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw reject(
                    index,
                    eventId,
                    "timestamp_in_future",
                    "timestamp is more than " + limits.maxFutureSkew().toMinutes() + " minutes ahead.");
        }
        if (time.isBefore(now.minus(limits.maxAge()))) {
            throw reject(
                    index,
                    eventId,
                    "timestamp_too_old",
                    "timestamp is older than " + limits.maxAge().toDays() + " days.");
        }
        return time;
    }

    private long tokens(int index, String eventId, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw reject(index, eventId, "tokens_out_of_range", "tokens must be a positive whole number.");
        }
        long max = Math.min(limits.maxTokensPerEvent(), MoneyBounds.MAX_TOKENS);
        if (value.asLong() > max) {
            throw reject(index, eventId, "tokens_out_of_range", "tokens must be at most " + max + " per event.");
        }
        return value.asLong();
    }

    private Receipt receipt(int index, String eventId, String receiptRef) {
        if (receiptRef == null || receiptRef.isEmpty() || receiptRef.length() > 64) {
            throw reject(index, eventId, "unknown_receipt", "receipt_ref must name a receipt.");
        }
        return receiptCache
                .computeIfAbsent(receiptRef, receipts::find)
                .orElseThrow(() -> reject(index, eventId, "unknown_receipt", "No receipt " + receiptRef + "."));
    }

    private BigDecimal revenue(int index, String eventId, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()
                || value.decimalValue().signum() < 0
                || value.decimalValue().compareTo(MoneyBounds.MAX_REVENUE) > 0
                || value.decimalValue().stripTrailingZeros().scale() > MoneyBounds.MAX_SCALE) {
            throw reject(
                    index,
                    eventId,
                    "invalid_event",
                    "revenue must be a non-negative amount of at most " + MoneyBounds.MAX_REVENUE.toPlainString()
                            + " with at most " + MoneyBounds.MAX_SCALE + " decimals.");
        }
        return value.decimalValue();
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Rejected reject(int index, String eventId, String code, String message) {
        return new Rejected(new Rejection(index, eventId, code, message));
    }

    /** Carries a rejection out of the checks. */
    static final class Rejected extends RuntimeException {
        private final transient Rejection rejection;

        Rejected(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        Rejection rejection() {
            return rejection;
        }
    }
}
