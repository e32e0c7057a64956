package com.royaltydesk.platform.testutil;

/**
 * The tag of test classes that touch no database (pure rules, the Merkle tree, the journal file,
 * the webhook pinning): the build's PostgreSQL test run leaves them out (the {@code postgresql}
 * execution's {@code excludedGroups} in the platform's pom), since they would prove nothing new there.
 * A class without it runs on both engines.
 */
public final class NoDatabase {

    public static final String TAG = "no-database";

    private NoDatabase() {}
}
