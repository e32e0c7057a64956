package com.royaltydesk.app.api;

import java.util.List;

/** {@code POST /v1/settlements}: a settled month and its payouts (the first page of them). */
public record Settlement(String settlementId, String period, List<Payouts.Payout> payouts, String payoutsNextCursor) {}
