package com.royaltydesk.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(NoDatabase.TAG)
class SettlementCalculatorTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static SettlementCalculator.Input input(BigDecimal opening, BigDecimal earned) {
        return new SettlementCalculator.Input(
                "c",
                "USD",
                opening,
                List.of(new SettlementCalculator.AssetPeriod("a", earned, null, true, BigDecimal.ZERO)),
                BigDecimal.ZERO,
                Map.of());
    }

    @Test
    void settle_exactEarnings_roundedOnceHalfEvenRemainderCarried() {
        var result = new SettlementCalculator(new PayoutPolicy(d("1.00"), null))
                .settle(input(BigDecimal.ZERO, d("1.2345")), "s");

        assertThat(result.paid()).isEqualByComparingTo("1.23");
        assertThat(result.carried()).isEqualByComparingTo("0.0045");
        assertThat(result.carryReason()).isEqualTo("rounding");
    }

    @Test
    void settle_halfwayCase_roundsToEven() {
        var policy = new PayoutPolicy(d("0.01"), null);
        assertThat(new SettlementCalculator(policy)
                        .settle(input(BigDecimal.ZERO, d("2.125")), "s")
                        .paid())
                .isEqualByComparingTo("2.12");
        assertThat(new SettlementCalculator(policy)
                        .settle(input(BigDecimal.ZERO, d("2.135")), "s")
                        .paid())
                .isEqualByComparingTo("2.14");
    }

    @Test
    void settle_underThreshold_nothingPaidAllCarried() {
        var result = new SettlementCalculator(new PayoutPolicy(d("10.00"), null)).settle(input(d("3"), d("4.5")), "s");

        assertThat(result.paid()).isZero();
        assertThat(result.carried()).isEqualByComparingTo("7.5");
        assertThat(result.carryReason()).isEqualTo("under_threshold");
        assertThat(result.lines()).noneMatch(l -> l.kind().equals(LedgerLine.PAYOUT));
    }

    @Test
    void settle_overCap_capPaidRestCarried() {
        var result = new SettlementCalculator(new PayoutPolicy(d("1"), d("100")))
                .settle(input(BigDecimal.ZERO, d("250.5")), "s");

        assertThat(result.paid()).isEqualByComparingTo("100");
        assertThat(result.carried()).isEqualByComparingTo("150.5");
        assertThat(result.carryReason()).isEqualTo("over_cap");
    }

    @Test
    void settle_floorPlus_topUpToTheFloorOnlyWhenUsed() {
        var calculator = new SettlementCalculator(new PayoutPolicy(d("1"), null));
        var used = new SettlementCalculator.Input(
                "c",
                "USD",
                BigDecimal.ZERO,
                List.of(new SettlementCalculator.AssetPeriod("a", d("2.5"), d("50"), true, BigDecimal.ZERO)),
                BigDecimal.ZERO,
                Map.of());

        var result = calculator.settle(used, "s");

        assertThat(result.lines()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo(LedgerLine.FLOOR_TOPUP);
            assertThat(l.amount()).isEqualByComparingTo("47.5");
        });
        assertThat(result.paid()).isEqualByComparingTo("50");
    }

    @Test
    void settle_disputeHold_heldOutOfThePayout() {
        var held = new SettlementCalculator.Input(
                "c",
                "USD",
                BigDecimal.ZERO,
                List.of(new SettlementCalculator.AssetPeriod("a", d("30"), null, true, BigDecimal.ZERO)),
                BigDecimal.ZERO,
                Map.of("dsp_1", d("12")));

        var result = new SettlementCalculator(new PayoutPolicy(d("1"), null)).settle(held, "s");

        assertThat(result.paid()).isEqualByComparingTo("18");
        assertThat(result.lines()).anySatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("-12"));
    }

    @Test
    void allocatePool_sharesByUnitsSumExactlyToThePool() {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        units.put("a", d("1"));
        units.put("b", d("1"));
        units.put("c", d("1"));

        Map<String, BigDecimal> shares = SettlementCalculator.allocatePool(d("10"), units);

        assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("10");
        assertThat(shares.get("a")).isEqualByComparingTo("3.333333333333333334");
        assertThat(shares.get("c")).isEqualByComparingTo("3.333333333333333333");
    }

    /**
     * The conservation property: over many random periods, prices, holds, caps and thresholds,
     * everything credited equals what was paid plus what is carried plus what is held, to the last
     * digit; payouts are whole minor units, never below the threshold, never above the cap.
     */
    @Test
    void settle_randomPeriods_nothingCreatedOrLost() {
        Random random = new Random(20261126);
        for (int run = 0; run < 300; run++) {
            BigDecimal threshold = BigDecimal.valueOf(random.nextInt(2000), 2);
            BigDecimal cap = random.nextBoolean() ? null : BigDecimal.valueOf(500 + random.nextInt(5000), 2);
            SettlementCalculator calculator = new SettlementCalculator(new PayoutPolicy(threshold, cap));
            BigDecimal balance = BigDecimal.ZERO;
            BigDecimal credited = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal held = BigDecimal.ZERO;
            for (int period = 0; period < 6; period++) {
                List<SettlementCalculator.AssetPeriod> assets = new ArrayList<>();
                for (int a = 0; a < 1 + random.nextInt(4); a++) {
                    long tokens = random.nextInt(1_000_000);
                    BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(99_999), 8);
                    BigDecimal earned = rate.multiply(BigDecimal.valueOf(tokens));
                    BigDecimal floor = random.nextInt(4) == 0 ? BigDecimal.valueOf(random.nextInt(3000), 2) : null;
                    BigDecimal bonus =
                            random.nextInt(3) == 0 ? BigDecimal.valueOf(random.nextInt(1_000_000), 6) : BigDecimal.ZERO;
                    assets.add(new SettlementCalculator.AssetPeriod("a" + a, earned, floor, tokens > 0, bonus));
                }
                BigDecimal adjustment =
                        random.nextInt(5) == 0 ? BigDecimal.valueOf(-random.nextInt(10_000), 4) : BigDecimal.ZERO;
                Map<String, BigDecimal> holds = random.nextInt(6) == 0
                        ? Map.of("d" + period, BigDecimal.valueOf(random.nextInt(5000), 3))
                        : Map.of();

                var result = calculator.settle(
                        new SettlementCalculator.Input("c", "USD", balance, assets, adjustment, holds), "s" + period);

                for (LedgerLine line : result.lines()) {
                    switch (line.kind()) {
                        case LedgerLine.PAYOUT -> paid = paid.subtract(line.amount());
                        case LedgerLine.DISPUTE_HOLD -> held = held.subtract(line.amount());
                        default -> credited = credited.add(line.amount());
                    }
                }
                assertThat(result.paid().scale()).isLessThanOrEqualTo(2);
                assertThat(result.paid().setScale(2, RoundingMode.UNNECESSARY)).isEqualByComparingTo(result.paid());
                if (result.paid().signum() > 0) {
                    assertThat(result.paid()).isGreaterThanOrEqualTo(threshold);
                    if (cap != null) {
                        assertThat(result.paid()).isLessThanOrEqualTo(cap);
                    }
                }
                assertThat(result.carried())
                        .isEqualByComparingTo(
                                balance.add(sumWithoutPayout(result.lines())).subtract(result.paid()));
                balance = result.carried();
            }
            assertThat(paid.add(balance).add(held)).as("run %d", run).isEqualByComparingTo(credited);
        }
    }

    private static BigDecimal sumWithoutPayout(List<LedgerLine> lines) {
        return lines.stream()
                .filter(l -> !l.kind().equals(LedgerLine.PAYOUT))
                .map(LedgerLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
