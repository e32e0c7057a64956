package com.royaltydesk.platform.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The H2 settings {@link H2CrashSettings} compares (issue #19): how a commit is made durable before
 * it is acknowledged, and how long MVStore keeps chunks it no longer needs. Each URL starts with the
 * platform's own settings ({@code db.Database.h2FileUrl}).
 */
enum H2CrashSetting {
    /** What the platform does today: a shared {@code CHECKPOINT} per wave of commits (decision 0007). */
    PLATFORM("platform", "", "CHECKPOINT"),
    /** The same, with the checkpoint forcing the file to disk ({@code fsync}) before it returns. */
    CHECKPOINT_SYNC("checkpoint-sync", "", "CHECKPOINT SYNC"),
    /** No checkpoint: H2 writes commits in the background (up to {@code WRITE_DELAY}, 500 ms, later). */
    BACKGROUND("background", "", null),
    /** H2 writes every commit at once. */
    WRITE_DELAY_0("write-delay-0", ";WRITE_DELAY=0", null),
    /** A checkpoint per wave, and freed chunks reusable after 1 s instead of 45 s (the disk lead of #15). */
    RETENTION_1S("retention-1s", ";RETENTION_TIME=1000", "CHECKPOINT"),
    /** Background writes and 1 s retention. */
    BACKGROUND_RETENTION_1S("background-retention-1s", ";RETENTION_TIME=1000", null);

    private static final String PLATFORM_URL =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";

    private final String name;
    private final String extraUrl;
    private final String durabilityStatement;

    H2CrashSetting(String name, String extraUrl, String durabilityStatement) {
        this.name = name;
        this.extraUrl = extraUrl;
        this.durabilityStatement = durabilityStatement;
    }

    static H2CrashSetting named(String name) {
        return Arrays.stream(values())
                .filter(s -> s.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown setting " + name + "; known: "
                        + Arrays.stream(values()).map(s -> s.name).collect(Collectors.joining(", "))));
    }

    String label() {
        return name;
    }

    String urlSuffix() {
        return PLATFORM_URL + extraUrl;
    }

    /** The statement run (shared by a wave of writers) before a commit is acknowledged; null for none. */
    String durabilityStatement() {
        return durabilityStatement;
    }

    /** Whether an acknowledged commit must survive {@code kill -9} in this setting. */
    boolean promisesDurability() {
        return durabilityStatement != null || extraUrl.contains("WRITE_DELAY=0");
    }
}
