package com.royaltydesk.platform.billing;

import java.math.BigDecimal;

/**
 * Payout rules for every creator: balances under {@code threshold} roll over to the next period;
 * at most {@code monthlyCap} (null: no cap) is paid per period, the rest also rolls over.
 * Both are in the payout's currency units.
 */
public record PayoutPolicy(BigDecimal threshold, BigDecimal monthlyCap) {

    public static final PayoutPolicy DEFAULTS = new PayoutPolicy(new BigDecimal("1.00"), null);
}
