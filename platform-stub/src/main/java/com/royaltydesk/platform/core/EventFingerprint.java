package com.royaltydesk.platform.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit key that deduplicates a host's usage event: the first 16 bytes of SHA-256 over the
 * host id's UTF-8 length (4 bytes, big-endian), the host id and the event id. Two fixed-width
 * numbers make a unique index H2 alone inserts into 2.5 times faster, in 40 % of the file, than
 * the two strings did (decision 0024). A hash is not an identity: whoever finds a fingerprint stored
 * compares the stored ids before calling the event a duplicate (a false duplicate is lost money).
 * SHA-256, not a faster hash, so that nobody can make another host's event ids collide with theirs.
 * In the kernel because the usage store and the migration that filled in older rows both need it.
 */
public record EventFingerprint(long hi, long lo) {

    public static EventFingerprint of(String hostId, String eventId) {
        byte[] host = hostId.getBytes(StandardCharsets.UTF_8);
        byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = sha256();
        sha256.update(ByteBuffer.allocate(4).putInt(host.length).array());
        sha256.update(host);
        sha256.update(event);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new EventFingerprint(digest.getLong(), digest.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
