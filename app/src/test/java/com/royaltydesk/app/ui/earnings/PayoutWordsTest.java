package com.royaltydesk.app.ui.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.Payouts;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PayoutWordsTest {

    private static Payouts.Payout payout(String status, String txRef, String reason) {
        return new Payouts.Payout(
                "pay_1", "creator_42", "2026-10", new BigDecimal("1.50"), "USD", status, "sandbox", txRef, reason);
    }

    @Test
    void detail_heldForKyc_saysWhatTheCreatorWaitsFor() {
        assertThat(PayoutWords.detail(payout("held", null, "kyc_pending")))
                .contains("identity check")
                .contains("completed");
        assertThat(PayoutWords.detail(payout("held", null, "kyc_rejected"))).contains("not accepted");
    }

    @Test
    void detail_failedOrPaid_reasonAndWhereTheMoneyIs() {
        assertThat(PayoutWords.detail(payout("failed", null, "account closed")))
                .contains("account closed")
                .contains("back on your balance");
        assertThat(PayoutWords.detail(payout("paid", "ach_819", null))).isEqualTo("Reference ach_819");
        assertThat(PayoutWords.status(payout("pending", null, null))).isEqualTo("On its way");
    }
}
