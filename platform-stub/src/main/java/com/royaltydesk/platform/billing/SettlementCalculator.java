package com.royaltydesk.platform.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of settling one creator's period in one currency, with no I/O so it can be checked
 * exhaustively: exact earnings per asset, floor top-ups, subscription bonus, adjustments and
 * dispute holds go into the balance; the payout is the balance (capped) rounded once, half-even,
 * to the minor unit, and only if it reaches the threshold; whatever is not paid carries over.
 * Nothing is created or lost: opening + lines = paid + carried, exactly.
 */
public final class SettlementCalculator {

    /** One asset's period for this creator. {@code floor} is set only for floor_plus assets. */
    public record AssetPeriod(String assetId, BigDecimal earned, BigDecimal floor, boolean used, BigDecimal bonus) {}

    /** Everything about one creator and currency that the period's settlement needs. */
    public record Input(
            String creatorId,
            String currency,
            BigDecimal openingBalance,
            List<AssetPeriod> assets,
            BigDecimal adjustments,
            Map<String, BigDecimal> disputeHolds) {}

    /** The settlement's ledger lines (the payout line included), what was paid and what carries. */
    public record Result(
            List<LedgerLine> lines, BigDecimal payable, BigDecimal paid, BigDecimal carried, String carryReason) {}

    public static final String CARRY_NONE = "none";
    public static final String CARRY_ROUNDING = "rounding";
    public static final String CARRY_UNDER_THRESHOLD = "under_threshold";
    public static final String CARRY_OVER_CAP = "over_cap";

    private final PayoutPolicy policy;

    public SettlementCalculator(PayoutPolicy policy) {
        this.policy = policy;
    }

    public Result settle(Input input, String settlementId) {
        List<LedgerLine> lines = new ArrayList<>();
        for (AssetPeriod asset : input.assets()) {
            addIfNonZero(lines, LedgerLine.EARNED, asset.assetId(), asset.earned(), settlementId);
            if (asset.floor() != null && asset.used() && asset.earned().compareTo(asset.floor()) < 0) {
                lines.add(new LedgerLine(
                        LedgerLine.FLOOR_TOPUP, asset.assetId(), asset.floor().subtract(asset.earned()), settlementId));
            }
            addIfNonZero(lines, LedgerLine.SUBSCRIPTION_BONUS, asset.assetId(), asset.bonus(), settlementId);
        }
        addIfNonZero(lines, LedgerLine.ADJUSTMENT, null, input.adjustments(), settlementId);
        input.disputeHolds()
                .forEach((disputeId, hold) ->
                        addIfNonZero(lines, LedgerLine.DISPUTE_HOLD, null, hold.negate(), disputeId));

        BigDecimal available = input.openingBalance();
        for (LedgerLine line : lines) {
            available = available.add(line.amount());
        }
        BigDecimal payable = available.signum() > 0 ? available : BigDecimal.ZERO;
        boolean capped = policy.monthlyCap() != null && payable.compareTo(policy.monthlyCap()) > 0;
        if (capped) {
            payable = policy.monthlyCap();
        }
        BigDecimal rounded = Money.roundToMinorUnit(payable, input.currency());
        if (rounded.signum() <= 0 || rounded.compareTo(policy.threshold()) < 0) {
            String reason = available.signum() > 0 ? CARRY_UNDER_THRESHOLD : CARRY_NONE;
            return new Result(List.copyOf(lines), payable, BigDecimal.ZERO, available, reason);
        }
        lines.add(new LedgerLine(LedgerLine.PAYOUT, null, rounded.negate(), settlementId));
        BigDecimal carried = available.subtract(rounded);
        String reason = capped ? CARRY_OVER_CAP : carried.signum() != 0 ? CARRY_ROUNDING : CARRY_NONE;
        return new Result(List.copyOf(lines), payable, rounded, carried, reason);
    }

    /**
     * Splits {@code pool} across assets by their units, exactly: shares are cut at 18 decimals and
     * the few 10^-18 left over go to the largest remainders, so the shares add up to the pool.
     */
    public static Map<String, BigDecimal> allocatePool(BigDecimal pool, Map<String, BigDecimal> unitsByAsset) {
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        BigDecimal totalUnits = unitsByAsset.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (pool == null || pool.signum() <= 0 || totalUnits.signum() <= 0) {
            return shares;
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(18);
        BigDecimal allocated = BigDecimal.ZERO;
        List<Map.Entry<String, BigDecimal>> remainders = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> asset : unitsByAsset.entrySet()) {
            BigDecimal exact = pool.multiply(asset.getValue()).divide(totalUnits, 40, RoundingMode.DOWN);
            BigDecimal share = exact.setScale(18, RoundingMode.DOWN);
            shares.put(asset.getKey(), share);
            allocated = allocated.add(share);
            remainders.add(Map.entry(asset.getKey(), exact.subtract(share)));
        }
        remainders.sort(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        BigDecimal left = pool.subtract(allocated);
        for (int i = 0; left.signum() > 0; i = (i + 1) % remainders.size()) {
            shares.merge(remainders.get(i).getKey(), unit, BigDecimal::add);
            left = left.subtract(unit);
        }
        return shares;
    }

    private static void addIfNonZero(
            List<LedgerLine> lines, String kind, String assetId, BigDecimal amount, String ref) {
        if (amount != null && amount.signum() != 0) {
            lines.add(new LedgerLine(kind, assetId, amount, ref));
        }
    }
}
