package com.royaltydesk.platform.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed-window limit per client: at most {@code limit} permits (requests, events) per {@code window}. Remembers a
 * bounded number of clients (oldest forgotten first), so a flood of addresses cannot exhaust memory.
 */
public final class RateLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private record Window(Instant start, long count) {}

    private final long limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public RateLimiter(long limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one request; empty when allowed, else how long until the client may try again. */
    public Optional<Duration> acquire(String client) {
        return acquire(client, 1);
    }

    /** Counts {@code permits} (events, say) at once; refused permits are not counted. */
    public synchronized Optional<Duration> acquire(String client, long permits) {
        Instant now = clock.instant();
        Window current = windows.get(client);
        if (current == null || !now.isBefore(current.start().plus(window))) {
            current = new Window(now, 0);
        }
        if (current.count() + permits <= limit) {
            windows.put(client, new Window(current.start(), current.count() + permits));
            return Optional.empty();
        }
        windows.put(client, current);
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }
}
