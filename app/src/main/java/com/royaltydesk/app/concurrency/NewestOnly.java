package com.royaltydesk.app.concurrency;

import java.util.function.Consumer;

/**
 * Lets only the answer to the newest request through. A page that reloads when it is opened, when
 * the platform changes and when a filter or period changes can have two loads in flight; the older
 * one may answer last and must not cover the newer one (last month's chart under this month's
 * title). Asked and answered on the FX thread, so a plain counter suffices.
 */
public final class NewestOnly {

    private long asked;

    /** Call when starting a request; pass what it returns the answer, it drops it if outdated. */
    public <T> Consumer<T> ask(Consumer<T> show) {
        long ticket = ++asked;
        return answer -> {
            if (ticket == asked) {
                show.accept(answer);
            }
        };
    }

    /**
     * For a follow-up of the newest request (the next page of the same list): its answer is dropped
     * when a new request was asked meanwhile, without making the follow-up a request of its own.
     */
    public <T> Consumer<T> followUp(Consumer<T> show) {
        long ticket = asked;
        return answer -> {
            if (ticket == asked) {
                show.accept(answer);
            }
        };
    }
}
