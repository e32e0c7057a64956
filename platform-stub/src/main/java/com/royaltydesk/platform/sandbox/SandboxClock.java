package com.royaltydesk.platform.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A sandbox platform's clock: the real one, except while the demo history is made at a sandbox's
 * first start (decision 0020), when it is set back to a day in the past so that every service —
 * keys, receipts, usage checks, settlements, payouts — runs its own rules on that day. It only ever
 * runs behind real time, never ahead, and is back at real time before the platform serves a request.
 * A live platform never has one.
 */
public final class SandboxClock extends Clock {

    private final Clock real;
    private volatile Duration behind = Duration.ZERO;

    public SandboxClock(Clock real) {
        this.real = real;
    }

    /** From now on reads {@code past} (and runs on from there); {@code past} may not be in the future. */
    public void travelTo(Instant past) {
        Duration gap = Duration.between(past, real.instant());
        if (gap.isNegative()) {
            throw new IllegalArgumentException("The sandbox clock never runs ahead of real time: " + past);
        }
        behind = gap;
    }

    /** Real time again. */
    public void backToNow() {
        behind = Duration.ZERO;
    }

    public Instant realNow() {
        return real.instant();
    }

    @Override
    public Instant instant() {
        return real.instant().minus(behind);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform keeps time in UTC");
    }
}
