package com.royaltydesk.app.api;

import java.util.List;

/** One page of {@code GET /v1/usage/receipts}: receipt ids behind a line, in id order. */
public record ReceiptIdPage(List<String> receiptIds, String nextCursor) {}
