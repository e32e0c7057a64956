package com.royaltydesk.platform.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs the platform's own H2 database up on a schedule, in the background, so there is always a
 * recent backup to rebuild a damaged database from and the journals need keep only what came after
 * it (decision 0017). The newest {@value #KEEP} automatic backups are kept; backups a user made are
 * never touched. A backup that fails is logged and tried again at the next look.
 */
public final class AutomaticBackups implements AutoCloseable {

    static final String PREFIX = "royaltydesk-auto-backup-";
    static final int KEEP = 3;
    /** How often the schedule looks whether a backup is due (a stopped laptop misses ticks). */
    private static final Duration LOOK_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticBackups.class);

    private final Backups backups;
    private final Duration every;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    public AutomaticBackups(Backups backups, Duration every, Clock clock) {
        this.backups = backups;
        this.every = every;
        this.clock = clock;
    }

    /** Starts looking: the first look a few seconds after start, so the start itself is not slowed. */
    public void start() {
        if (every.isZero()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "automatic-backups");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(
                this::backUpIfDue, 5, Math.min(every.toSeconds(), LOOK_EVERY.toSeconds()), TimeUnit.SECONDS);
    }

    /** Makes a backup when the newest in the folder is older than the interval; keeps the newest automatic ones. */
    void backUpIfDue() {
        try {
            List<Backups.Kept> kept = Backups.kept(backups.defaultDirectory());
            boolean due = kept.isEmpty() || !kept.get(0).createdAt().plus(every).isAfter(clock.instant());
            if (due) {
                Backups.Made made = backups.make(backups.defaultDirectory(), PREFIX);
                LOG.info("automatic backup written: {} ({} bytes)", made.file(), made.bytes());
                dropOlderAutomaticBackups();
            }
        } catch (RuntimeException e) {
            LOG.warn("automatic backup failed, tried again later: {}", e.toString());
        }
    }

    private void dropOlderAutomaticBackups() {
        List<Path> automatic = Backups.kept(backups.defaultDirectory()).stream()
                .map(Backups.Kept::file)
                .filter(f -> f.getFileName().toString().startsWith(PREFIX))
                .toList();
        for (Path old : automatic.subList(Math.min(KEEP, automatic.size()), automatic.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                LOG.warn("an old automatic backup could not be deleted: {}", e.toString());
            }
        }
        backups.keepJournalsForBackups();
    }

    /** Stops the schedule, letting a backup that is being written finish. */
    @Override
    public void close() {
        if (schedule == null) {
            return;
        }
        schedule.shutdown();
        try {
            if (!schedule.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("an automatic backup was still running at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
