package com.royaltydesk.platform.usage;

/** Why one event of a batch was not accepted; {@code code} is stable for machines. */
public record Rejection(int index, String eventId, String code, String message) {}
