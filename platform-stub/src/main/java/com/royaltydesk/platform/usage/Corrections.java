package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
            long seq;
            String status;
            String period;
            BigDecimal amount;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, status, period, amount FROM usage_events WHERE host_id = ? AND event_id = ? FOR UPDATE")) {
                select.setString(1, hostId);
                select.setString(2, eventId);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw ApiException.notFound("No event " + eventId + " from host " + hostId + ".");
                    }
                    seq = r.getLong(1);
                    status = r.getString(2);
                    period = r.getString(3);
                    amount = r.getBigDecimal(4);
                }
            }
            if (!"accepted".equals(status)) {
                throw ApiException.conflict(
                        "not_voidable", "Event " + eventId + " is " + status + "; only accepted events can be voided.");
            }
            Instant now = clock.instant();
            String booked = store.closedPeriods(connection).contains(period) ? Periods.of(now) : period;
            String voidId = Ids.newId("void");
            BigDecimal correction = amount.negate();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO usage_voids (void_id, event_seq, reason, booked_period, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, voidId);
                insert.setLong(2, seq);
                insert.setString(3, reason);
                insert.setString(4, booked);
                insert.setBigDecimal(5, correction);
                insert.setTimestamp(6, Jdbc.timestamp(now));
                insert.executeUpdate();
            }
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE usage_events SET status = 'voided' WHERE seq = ?")) {
                update.setLong(1, seq);
                update.executeUpdate();
            }
            UsageOps.journalVoid(voidId, hostId, eventId, reason, booked, correction, now);
            return new Voided(voidId, eventId, booked, correction);
        }));
    }
}
