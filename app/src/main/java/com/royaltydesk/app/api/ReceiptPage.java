package com.royaltydesk.app.api;

import java.util.List;

/** A page of receipts in log order and the cursor of the next one (null at the end). */
public record ReceiptPage(List<ReceiptSummary> receipts, String nextCursor) {}
