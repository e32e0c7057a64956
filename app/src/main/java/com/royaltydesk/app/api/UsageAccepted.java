package com.royaltydesk.app.api;

/** The answer to {@code POST /v1/usage-events}: how many events counted, repeated or were held. */
public record UsageAccepted(int accepted, int duplicates, int held) {}
