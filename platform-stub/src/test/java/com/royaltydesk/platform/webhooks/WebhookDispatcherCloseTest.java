package com.royaltydesk.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.Jdbc;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the dispatcher must never interrupt a thread inside the database: on H2 an interrupt
 * during file I/O closes the file for every thread, and the stop's checkpoint then fails (the
 * app's smoke test hit it). The poll here is held inside the database for a moment — a real H2
 * file behind a data source that lingers in getConnection — while the dispatcher is closed.
 */
class WebhookDispatcherCloseTest {

    private static final WebhookSettings EVERY_FEW_MS = new WebhookSettings(
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            Duration.ofHours(25),
            Duration.ofSeconds(5),
            Duration.ofMillis(5),
            Duration.ofSeconds(10),
            true);

    @TempDir
    Path dataDir;

    @Test
    void close_whileAPollIsInTheDatabase_letsItFinish_withoutAnInterrupt() throws Exception {
        try (Database database = Database.open(PlatformConfig.defaultJdbcUrl(dataDir))) {
            LingeringDataSource lingering = new LingeringDataSource(database.dataSource());
            WebhookDispatcher dispatcher = new WebhookDispatcher(
                    new Jdbc(lingering), EVERY_FEW_MS, new UrlGuard(UrlGuard.Targets.LOOPBACK_ONLY), Clock.systemUTC());
            dispatcher.start();
            assertThat(lingering.inside.await(10, TimeUnit.SECONDS)).isTrue();

            dispatcher.close();

            assertThat(lingering.interrupted)
                    .as("a thread was interrupted inside the database")
                    .isFalse();
            assertThat(lingering.finished)
                    .as("the poll in the database finished")
                    .isTrue();
        }
    }

    /** Hands out real connections, after lingering 300 ms in the call and noting an interrupt. */
    private static final class LingeringDataSource implements DataSource {
        private final DataSource real;
        final CountDownLatch inside = new CountDownLatch(1);
        volatile boolean interrupted;
        volatile boolean finished;
        private final AtomicBoolean first = new AtomicBoolean(true);

        LingeringDataSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (first.getAndSet(false)) {
                inside.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.currentThread().interrupt();
                }
                finished = true;
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return real.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return real.isWrapperFor(type);
        }
    }
}
