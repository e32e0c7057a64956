package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.assets.PriceModelRules;
import com.royaltydesk.platform.core.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "What would this asset have earned with another price?" (issue #16): month by month over a past
 * window, exactly, from the usage rollups the platform already keeps, beside what it did earn —
 * what settlement booked for it (usage earnings, floor top-up, subscription bonus) in a settled
 * month, its usage earnings so far in one that is not. Voids and dispute holds are the creator's,
 * not the asset's, and are left out of both columns alike.
 *
 * <p>A candidate's floor applies, as at settlement, only to a settled month with usage. A
 * subscription-bonus candidate is refused: its share depends on each month's pool and on every
 * other asset's use, which one asset's history cannot answer.
 */
public final class PriceSimulator {

    /** The longest window one simulation covers (months, both ends included). */
    public static final int MAX_MONTHS = 24;

    /** One month: usage, what was earned, what the candidate would have earned, and the difference. */
    public record Month(
            String period,
            boolean settled,
            long events,
            long tokens,
            BigDecimal revenue,
            BigDecimal actual,
            BigDecimal simulated,
            BigDecimal difference) {}

    /** The whole answer; every amount exact, in the asset's currency. */
    public record Simulation(
            String assetId,
            String assetName,
            String currency,
            PriceModel priceModelInForce,
            PriceModel candidate,
            String from,
            String to,
            List<Month> months,
            BigDecimal actualTotal,
            BigDecimal simulatedTotal,
            BigDecimal difference,
            List<String> notes) {}

    private final ReportService reports;
    private final AssetService assets;
    private final Clock clock;

    public PriceSimulator(ReportService reports, AssetService assets, Clock clock) {
        this.reports = reports;
        this.assets = assets;
        this.clock = clock;
    }

    /**
     * Simulates {@code candidate} on {@code assetId} from {@code from} to {@code to}. {@code
     * creatorId} is the caller's own (an asset of someone else's is not found); null for the platform.
     */
    public Simulation simulate(String creatorId, String assetId, PriceModel candidate, YearMonth from, YearMonth to) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        if (to.isAfter(now)) {
            throw ApiException.invalid("to", "to must not be after the current month (" + now + ").");
        }
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "from must not be after to.");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw ApiException.limitExceeded("A simulation covers at most " + MAX_MONTHS + " months; ask for " + from
                    + " to " + from.plusMonths(MAX_MONTHS - 1) + " and then the rest.");
        }
        Asset asset = assets.get(creatorId, assetId);
        PriceModel price = PriceModelRules.validate(candidate);
        if ("subscription_bonus".equals(price.type())) {
            throw ApiException.invalid(
                    "price_model.type",
                    "A subscription bonus depends on each month's pool and on every other asset's use, so it"
                            + " cannot be simulated for one asset; simulate per_use, rev_share or floor_plus.");
        }
        String currency = asset.priceModel().currency();
        if (!price.currency().equals(currency)) {
            throw ApiException.invalid(
                    "price_model.currency",
                    "The simulation compares in the asset's currency, " + currency + "; the candidate is in "
                            + price.currency() + ".");
        }
        Map<String, ReportService.AssetMonth> usage = new java.util.HashMap<>();
        reports.assetMonths(asset.creatorId(), assetId, from.toString(), to.toString())
                .forEach(m -> usage.put(m.period(), m));
        Map<String, BigDecimal> booked =
                reports.settledAssetEarnings(asset.creatorId(), assetId, from.toString(), to.toString());

        List<Month> months = new ArrayList<>();
        BigDecimal actualTotal = BigDecimal.ZERO;
        BigDecimal simulatedTotal = BigDecimal.ZERO;
        boolean anyRevenue = false;
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            String period = month.toString();
            ReportService.AssetMonth used = usage.getOrDefault(
                    period, new ReportService.AssetMonth(period, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO));
            boolean settled = booked.containsKey(period);
            BigDecimal actual = settled ? booked.get(period) : used.amount();
            BigDecimal simulated = wouldEarn(price, used.events(), used.tokens(), used.revenue(), settled);
            anyRevenue |= used.revenue().signum() > 0;
            months.add(new Month(
                    period,
                    settled,
                    used.events(),
                    used.tokens(),
                    used.revenue(),
                    Money.plain(actual),
                    Money.plain(simulated),
                    Money.plain(simulated.subtract(actual))));
            actualTotal = actualTotal.add(actual);
            simulatedTotal = simulatedTotal.add(simulated);
        }
        List<String> notes = new ArrayList<>();
        if ("rev_share".equals(price.type()) && !anyRevenue) {
            notes.add("The hosts reported no revenue with this asset's usage, so a revenue share earns nothing on it.");
        }
        if (months.stream().anyMatch(m -> !m.settled())) {
            notes.add("A month not settled yet shows usage earnings so far; floors and subscription bonuses are"
                    + " added when it is settled.");
        }
        return new Simulation(
                assetId,
                asset.name(),
                currency,
                asset.priceModel(),
                price,
                from.toString(),
                to.toString(),
                List.copyOf(months),
                Money.plain(actualTotal),
                Money.plain(simulatedTotal),
                Money.plain(simulatedTotal.subtract(actualTotal)),
                List.copyOf(notes));
    }

    /**
     * What {@code price} earns on a month's usage, exactly, as ingestion and settlement would have:
     * the rate on every token, the share of every revenue, and in a settled month with usage a
     * floor's top-up.
     */
    static BigDecimal wouldEarn(PriceModel price, long events, long tokens, BigDecimal revenue, boolean settled) {
        return switch (price.type()) {
            case "per_use" -> price.rate().multiply(BigDecimal.valueOf(tokens));
            case "rev_share" -> price.share().multiply(revenue);
            case "floor_plus" -> {
                BigDecimal perToken = price.rate().multiply(BigDecimal.valueOf(tokens));
                yield settled && events > 0 ? perToken.max(price.monthlyFloor()) : perToken;
            }
            default -> throw new IllegalArgumentException("not simulated: " + price.type());
        };
    }
}
