package com.royaltydesk.platform.receipts;

/** Filters for listing receipts; null means any. Results come in log order after {@code afterIndex}. */
public record ReceiptQuery(String creatorId, String modelId, String datasetId, long afterIndex, int limit) {}
