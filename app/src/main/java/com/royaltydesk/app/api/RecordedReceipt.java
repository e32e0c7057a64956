package com.royaltydesk.app.api;

/** The answer to {@code POST /v1/proof-of-training}: the new receipt's id. */
public record RecordedReceipt(String receiptId) {}
