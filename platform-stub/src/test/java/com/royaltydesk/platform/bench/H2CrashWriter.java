package com.royaltydesk.platform.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.value.VersionedValue;

/**
 * One round of {@link H2CrashSettings}, in a process of its own that the harness kills: H2 alone, no
 * platform code, so that what it finds is H2's and can go upstream as a reproducer. It opens the
 * file, looks for what earlier kills left (each kind the platform met in its crash rounds, decision
 * 0017), prints what it found, then writes as the platform's ingestion does — batches of inserts
 * with random-UUID keys under a unique index, one rollup {@code MERGE} and one batch row per
 * transaction, from three threads — made durable the way the chosen setting says, printing
 * {@code ACK writer n} only after that. Lines on stdout, read by the harness:
 * {@code FOUND kind detail}, {@code PRESENT writer count max}, {@code READY entries ms},
 * {@code ACK writer n}.
 */
public final class H2CrashWriter {

    static final int WRITERS = 3;
    static final int EVENTS_PER_BATCH = 200;
    /** An entry's operation id holds its transaction's id above this many bits (H2's TransactionStore). */
    private static final int LOG_ID_BITS = 40;

    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        H2CrashSetting setting = H2CrashSetting.named(args[1]);
        int round = Integer.parseInt(args[2]);
        new H2CrashWriter().run(dir, setting, round);
    }

    private void run(Path dir, H2CrashSetting setting, int round) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + setting.urlSuffix();
        long started = System.nanoTime();
        Connection check;
        try {
            check = DriverManager.getConnection(url, "sa", "");
        } catch (SQLException | RuntimeException | Error e) {
            found("open-failed", e);
            System.exit(3);
            return;
        }
        long entries;
        try {
            entries = checkWhatTheKillLeft(check, round, dir);
        } catch (SQLException | java.io.IOException | RuntimeException | Error e) {
            found("check-failed", e);
            System.exit(4);
            return;
        }
        say("READY " + entries + " " + (System.nanoTime() - started) / 1_000_000);
        GroupDurability durability = new GroupDurability(check, setting.durabilityStatement());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Connection connection = DriverManager.getConnection(url, "sa", "");
            int writer = w;
            Thread thread = new Thread(() -> write(connection, writer, round, durability), "writer-" + w);
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
    }

    /** What the kill before this round left behind; returns how many map entries were read. */
    private long checkWhatTheKillLeft(Connection connection, int round, Path dir)
            throws SQLException, java.io.IOException {
        createTablesIfAbsent(connection);
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
        java.util.Set<Integer> open = new java.util.HashSet<>();
        for (Transaction t : transactions.getOpenTransactions()) {
            open.add(t.getId());
            if (t.getStatus() == Transaction.STATUS_COMMITTED) {
                say("FOUND commit-left-open transaction " + t.getId() + " in status COMMITTED");
            }
        }
        long entries = readEveryEntry(session.getDatabase().getStore().getMvStore(), open);
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT identity_base FROM information_schema.columns"
                    + " WHERE table_name = 'events' AND column_name = 'seq'")) {
                r.next();
                long next = r.getLong(1);
                long max = single(s, "SELECT COALESCE(MAX(seq), 0) FROM events");
                if (next <= max) {
                    say("FOUND identity-behind next " + next + " but a row has " + max);
                }
            }
            long events = single(s, "SELECT COUNT(*) FROM events");
            long rolled = single(s, "SELECT COALESCE(SUM(events), 0) FROM rollups");
            long batches = single(s, "SELECT COUNT(*) FROM batches");
            if (events != rolled || events != batches * EVENTS_PER_BATCH) {
                say("FOUND torn-transaction events " + events + ", rollups " + rolled + ", batches " + batches);
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT writer, COUNT(*), MAX(n) FROM batches WHERE round = " + (round - 1) + " GROUP BY writer")) {
                while (r.next()) {
                    say("PRESENT " + r.getInt(1) + " " + r.getLong(2) + " " + r.getLong(3));
                }
            }
            say("SIZE " + events + " " + java.nio.file.Files.size(dir.resolve("db.mv.db")));
        }
        return entries;
    }

    /** Every entry of every open map, and each entry's mark: one written by a transaction that is not open is damage. */
    private long readEveryEntry(MVStore store, java.util.Set<Integer> open) {
        MVMap<String, String> meta = store.getMetaMap();
        long entries = 0;
        long marked = 0;
        String first = null;
        for (String name : store.getMapNames()) {
            String id = meta.get("name." + name);
            MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
            if (map == null) {
                continue;
            }
            Cursor<Object, Object> cursor = map.cursor(null);
            while (cursor.hasNext()) {
                Object key = cursor.next();
                if (cursor.getValue() instanceof VersionedValue<?> v
                        && v.getOperationId() != 0
                        && !open.contains((int) (v.getOperationId() >>> LOG_ID_BITS))) {
                    marked++;
                    if (first == null) {
                        first = name + " key " + key + " by transaction " + (v.getOperationId() >>> LOG_ID_BITS);
                    }
                }
                entries++;
            }
        }
        if (marked > 0) {
            say("FOUND marked-by-gone-transaction " + marked + " entries, the first " + first);
        }
        return entries;
    }

    private static void createTablesIfAbsent(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // The shape of the platform's usage_events: a sequential key, a unique index on random ids.
            s.execute(
                    "CREATE TABLE IF NOT EXISTS events (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                            + " host_id VARCHAR(64) NOT NULL, event_id VARCHAR(128) NOT NULL, batch_id VARCHAR(64) NOT NULL,"
                            + " receipt_id VARCHAR(64) NOT NULL, tokens BIGINT NOT NULL, amount NUMERIC(38, 18) NOT NULL,"
                            + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT events_dedup UNIQUE (host_id, event_id))");
            s.execute("CREATE TABLE IF NOT EXISTS rollups (writer INT NOT NULL, round INT NOT NULL,"
                    + " events BIGINT NOT NULL, tokens BIGINT NOT NULL, PRIMARY KEY (writer, round))");
            s.execute("CREATE TABLE IF NOT EXISTS batches (round INT NOT NULL, writer INT NOT NULL, n BIGINT NOT NULL,"
                    + " PRIMARY KEY (round, writer, n))");
        }
    }

    private void write(Connection connection, int writer, int round, GroupDurability durability) {
        try (connection;
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO events (host_id, event_id,"
                                + " batch_id, receipt_id, tokens, amount, received_at) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)");
                PreparedStatement rollup = connection.prepareStatement("MERGE INTO rollups r USING (VALUES (?, ?))"
                        + " AS v(writer, round) ON r.writer = v.writer AND r.round = v.round"
                        + " WHEN MATCHED THEN UPDATE SET events = r.events + ?, tokens = r.tokens + ?"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (v.writer, v.round, ?, ?)");
                PreparedStatement batch = connection.prepareStatement("INSERT INTO batches VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (long n = 1; ; n++) {
                String batchId = "batch_" + round + "_" + writer + "_" + n;
                for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                    event.setString(1, "host_sandbox");
                    event.setString(2, UUID.randomUUID().toString());
                    event.setString(3, batchId);
                    event.setString(4, "rcpt_" + writer);
                    event.setLong(5, 1000);
                    event.setBigDecimal(6, new java.math.BigDecimal("0.001000000000000000"));
                    event.addBatch();
                }
                event.executeBatch();
                rollup.setInt(1, writer);
                rollup.setInt(2, round);
                rollup.setLong(3, EVENTS_PER_BATCH);
                rollup.setLong(4, EVENTS_PER_BATCH * 1000L);
                rollup.setLong(5, EVENTS_PER_BATCH);
                rollup.setLong(6, EVENTS_PER_BATCH * 1000L);
                rollup.executeUpdate();
                batch.setInt(1, round);
                batch.setInt(2, writer);
                batch.setLong(3, n);
                batch.executeUpdate();
                connection.commit();
                durability.await();
                say("ACK " + writer + " " + n);
            }
        } catch (SQLException | RuntimeException e) {
            found("write-failed", e);
            System.exit(5);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void found(String kind, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        say("FOUND " + kind + " " + e.getClass().getSimpleName() + ": " + message
                + (root != e ? " (cause " + root.getClass().getSimpleName() + ")" : ""));
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    /** One leader runs the setting's statement for every writer whose commit finished before it started. */
    private static final class GroupDurability {
        private final Connection connection;
        private final String statement;
        private long requested;
        private long completed;
        private boolean running;

        GroupDurability(Connection connection, String statement) {
            this.connection = connection;
            this.statement = statement;
        }

        void await() throws SQLException {
            if (statement == null) {
                return;
            }
            long ticket;
            long covered;
            synchronized (this) {
                ticket = ++requested;
                while (running && completed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted", e);
                    }
                }
                if (completed >= ticket) {
                    return;
                }
                running = true;
                covered = requested;
            }
            try (Statement s = connection.createStatement()) {
                s.execute(statement);
            } finally {
                synchronized (this) {
                    running = false;
                    completed = Math.max(completed, covered);
                    notifyAll();
                }
            }
        }
    }
}
