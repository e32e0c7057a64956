package com.royaltydesk.platform.billing;

import java.math.BigDecimal;

/** One ledger movement a settlement makes for a creator: what, for which asset, how much, because of what. */
public record LedgerLine(String kind, String assetId, BigDecimal amount, String ref) {

    public static final String EARNED = "earned";
    public static final String FLOOR_TOPUP = "floor_topup";
    public static final String SUBSCRIPTION_BONUS = "subscription_bonus";
    public static final String ADJUSTMENT = "adjustment";
    public static final String DISPUTE_HOLD = "dispute_hold";
    public static final String DISPUTE_RELEASE = "dispute_release";
    public static final String PAYOUT = "payout";
    public static final String PAYOUT_RETURNED = "payout_returned";
}
