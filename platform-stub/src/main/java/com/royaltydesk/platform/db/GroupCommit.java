package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes committed transactions durable before the platform answers, without one disk write per
 * commit. H2 writes committed changes in the background (up to a second later); a caller that must
 * not lose its commit waits here, and one leader runs {@code CHECKPOINT} for everyone whose commit
 * finished before that checkpoint started. Concurrent requests share the write: that is what keeps
 * ingestion fast with random event ids. PostgreSQL commits durably by itself, so there it does
 * nothing.
 */
public final class GroupCommit {

    private final DataSource dataSource;
    private final boolean enabled;
    private final Object lock = new Object();
    private long requested;
    private long completed;
    private boolean flushing;

    public GroupCommit(DataSource dataSource, boolean enabled) {
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    /** For H2 file databases only; other databases are durable at commit. */
    public static GroupCommit forUrl(DataSource dataSource, String jdbcUrl) {
        return new GroupCommit(dataSource, jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:/"));
    }

    /** Whether commits need this to be durable (an H2 file); false where the database is durable at commit. */
    public boolean enabled() {
        return enabled;
    }

    /** Returns once every transaction this thread committed before the call is on disk. */
    public void awaitDurable() {
        if (!enabled) {
            return;
        }
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long covered;
            synchronized (lock) {
                while (completed < ticket && flushing) {
                    waitForFlush();
                }
                if (completed >= ticket) {
                    return;
                }
                // Lead a flush: it covers every ticket taken so far, since those commits are done.
                flushing = true;
                covered = requested;
            }
            try {
                checkpoint();
            } finally {
                synchronized (lock) {
                    flushing = false;
                    lock.notifyAll();
                }
            }
            synchronized (lock) {
                completed = Math.max(completed, covered);
                lock.notifyAll();
            }
        }
    }

    private void waitForFlush() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database to write", e);
        }
    }

    private void checkpoint() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
