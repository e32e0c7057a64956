package com.royaltydesk.platform.webhooks;

import java.util.List;

/** The events the platform announces. */
public final class EventTypes {

    public static final String SETTLEMENT_COMPLETED = "settlement.completed";
    public static final String PAYOUT_PAID = "payout.paid";
    public static final String PAYOUT_FAILED = "payout.failed";
    public static final String DISPUTE_CREATED = "dispute.created";
    public static final String RECEIPT_ISSUED = "receipt.issued";

    public static final List<String> ALL =
            List.of(SETTLEMENT_COMPLETED, PAYOUT_PAID, PAYOUT_FAILED, DISPUTE_CREATED, RECEIPT_ISSUED);

    private EventTypes() {}
}
