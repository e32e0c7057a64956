package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Usage-event bodies for tests. */
public final class Usage {

    private Usage() {}

    public static ObjectNode event(String eventId, String modelId, String receiptId, long tokens, Instant at) {
        ObjectNode event = RunningPlatform.JSON.createObjectNode();
        event.put("event_id", eventId);
        event.put("model_id", modelId);
        event.put("timestamp", at.toString());
        event.put("tokens", tokens);
        event.put("receipt_ref", receiptId);
        return event;
    }

    /** {@code {"events":[…]}} with {@code count} events {@code prefix-0 … prefix-(count-1)}. */
    public static String batch(String prefix, int count, String modelId, String receiptId, long tokens, Instant at) {
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            events.add(event(prefix + "-" + i, modelId, receiptId, tokens, at));
        }
        return wrap(events);
    }

    public static String wrap(ArrayNode events) {
        ObjectNode body = RunningPlatform.JSON.createObjectNode();
        body.set("events", events);
        return body.toString();
    }
}
