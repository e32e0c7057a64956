package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * Voids an accepted event. The event stays (status {@code voided}); a void entry with the negative
 * amount is booked into the event's period while it is open, or into the current period once that
 * one is settled — reports show it as an adjustment line.
 */
public final class Corrections {

    /** The booked correction. */
    public record Voided(String voidId, String eventId, String bookedPeriod, BigDecimal amount) {}

    private final Jdbc jdbc;
    private final UsageStore store;
    private final PeriodGate gate;
    private final Clock clock;

    public Corrections(Jdbc jdbc, UsageStore store, PeriodGate gate, Clock clock) {
        this.gate = gate;
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    public Voided voidEvent(String hostId, String eventId, String reason) {
        return gate.whileIngesting(() -> jdbc.inTransaction(connection -> {
            gate.holdOpen(connection);
            UsageStore.EventToVoid event = store.lockEvent(connection, hostId, eventId);
            if (event == null) {
                throw ApiException.notFound("No event " + eventId + " from host " + hostId + ".");
            }
            if (!"accepted".equals(event.status())) {
                throw ApiException.conflict(
                        "not_voidable",
                        "Event " + eventId + " is " + event.status() + "; only accepted events can be voided.");
            }
            Instant now = clock.instant();
            // A settled period stays as it was paid: its void is booked into the period open now.
            String booked = store.closedPeriods(connection).contains(event.period()) ? Periods.of(now) : event.period();
            String voidId = Ids.newId("void");
            BigDecimal correction = event.amount().negate();
            store.insertVoid(connection, voidId, event.seq(), reason, booked, correction, now);
            UsageOps.journalVoid(voidId, hostId, eventId, reason, booked, correction, now);
            return new Voided(voidId, eventId, booked, correction);
        }));
    }
}
