package com.royaltydesk.platform.testutil;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tukaani.xz.XZInputStream;

/** The evidence files of src/test/resources/evidence (see its README), unpacked where a test needs them. */
public final class Evidence {

    private Evidence() {}

    /**
     * The H2 file a kill -9 left with a commit H2 does not finish on reopening, as {@code
     * royaltydesk.mv.db} in {@code dataDir}; returns its size.
     */
    public static long unpackCommitLeftOpen(Path dataDir) throws Exception {
        return unpack("/evidence/h2-commit-left-open-after-kill9.mv.db.xz", dataDir);
    }

    /**
     * The H2 file a kill -9 left with a receipt's entries still marked as written by a transaction
     * that no longer exists, as {@code royaltydesk.mv.db} in {@code dataDir}; returns its size.
     */
    public static long unpackRowsMarkedByAGoneTransaction(Path dataDir) throws Exception {
        return unpack("/evidence/h2-rows-marked-by-a-gone-transaction.mv.db.xz", dataDir);
    }

    private static long unpack(String resource, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        try (InputStream xz = Evidence.class.getResourceAsStream(resource);
                InputStream in = new XZInputStream(xz)) {
            return Files.copy(in, dataDir.resolve("royaltydesk.mv.db"));
        }
    }

    /** The H2 file kill -9 left unopenable, as {@code royaltydesk.mv.db} in {@code dataDir}; returns its size. */
    public static long unpackDamagedH2(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        try (InputStream xz = Evidence.class.getResourceAsStream("/evidence/h2-unopenable-after-kill9.mv.db.xz");
                InputStream in = new XZInputStream(xz)) {
            return Files.copy(in, dataDir.resolve("royaltydesk.mv.db"));
        }
    }
}
