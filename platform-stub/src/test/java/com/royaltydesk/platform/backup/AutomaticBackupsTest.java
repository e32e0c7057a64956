package com.royaltydesk.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.journal.MarkedJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule's decisions on a real H2 file: when a backup is due, which are kept, what the journals keep. */
class AutomaticBackupsTest {

    @TempDir
    Path dataDir;

    private final AtomicLong now =
            new AtomicLong(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
    private final AtomicLong usagePosition = new AtomicLong(10);
    private Clock clock;
    private Backups backups;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(PlatformConfig.defaultJdbcUrl(dataDir));
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE t (n INT)");
        }
        clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now.get());
            }
        };
        backups =
                new Backups(dataSource, Dialect.H2, dataDir, clock, () -> Map.of("journal/usage", usagePosition.get()));
    }

    private List<String> files() throws Exception {
        if (!Files.isDirectory(backups.defaultDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups.defaultDirectory())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private void hoursPass(long hours) {
        now.addAndGet(Duration.ofHours(hours).toSeconds());
    }

    @Test
    void firstLook_backsUp_thenNotAgainUntilTheIntervalHasPassed() throws Exception {
        AutomaticBackups automatic = new AutomaticBackups(backups, Duration.ofHours(24), clock);

        automatic.backUpIfDue();
        assertThat(files()).hasSize(1).allMatch(f -> f.startsWith(AutomaticBackups.PREFIX));

        hoursPass(23);
        automatic.backUpIfDue();
        assertThat(files()).hasSize(1);

        hoursPass(1);
        automatic.backUpIfDue();
        assertThat(files()).hasSize(2);
    }

    @Test
    void newestThreeAutomaticKept_aBackupTheUserMadeNeverTouched() throws Exception {
        backups.make(backups.defaultDirectory());
        AutomaticBackups automatic = new AutomaticBackups(backups, Duration.ofHours(1), clock);

        for (int i = 0; i < 5; i++) {
            hoursPass(1);
            automatic.backUpIfDue();
        }

        List<String> files = files();
        assertThat(files).filteredOn(f -> f.startsWith(AutomaticBackups.PREFIX)).hasSize(AutomaticBackups.KEEP);
        assertThat(files).filteredOn(f -> f.startsWith("royaltydesk-backup-")).hasSize(1);
        // the newest three: made at hours 3, 4 and 5
        assertThat(files).anyMatch(f -> f.contains("T050000Z")).noneMatch(f -> f.contains("T020000Z"));
    }

    @Test
    void journalsKeepWhatTheOldestKeptBackupLacks() throws Exception {
        AutomaticBackups automatic = new AutomaticBackups(backups, Duration.ofHours(1), clock);
        Path usage = dataDir.resolve("journal/usage");
        for (long position : new long[] {10, 20, 30, 40, 50}) {
            usagePosition.set(position);
            hoursPass(1);
            automatic.backUpIfDue();
        }

        // Kept: the backups lacking records from 30, 40 and 50 on; the oldest decides.
        assertThat(Files.readString(usage.resolve(MarkedJournal.KEEP_FROM)).strip())
                .isEqualTo("30");
    }
}
