package com.royaltydesk.app.ui.earnings;

import com.royaltydesk.app.api.Payouts;

/** A payout's status and reference in plain words: why it is held, why it failed, where the money went. */
final class PayoutWords {

    private PayoutWords() {}

    static String status(Payouts.Payout payout) {
        return switch (payout.status()) {
            case "paid" -> "Paid";
            case "pending" -> "On its way";
            case "held" -> "Held";
            case "failed" -> "Failed";
            default -> payout.status();
        };
    }

    static String detail(Payouts.Payout payout) {
        if (payout.txRef() != null) {
            return "Reference " + payout.txRef();
        }
        String reason = payout.failureReason() == null ? "" : payout.failureReason();
        return switch (payout.status()) {
            case "held" ->
                switch (reason) {
                    case "kyc_pending" -> "Waiting for your identity check (KYC) to be completed";
                    case "kyc_rejected" -> "Your identity check (KYC) was not accepted: contact the platform";
                    default -> reason;
                };
            case "failed" -> "The payment failed (" + reason + "); the amount is back on your balance";
            default -> reason;
        };
    }
}
