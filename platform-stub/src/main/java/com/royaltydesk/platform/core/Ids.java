package com.royaltydesk.platform.core;

import java.security.SecureRandom;

/**
 * Identifiers with a readable type prefix, e.g. {@code pt_1c3Xq9Z04f9Qk…}, and random secrets.
 * An id's first characters are the time it was made, so ids made one after the other sort
 * together: a table keyed by them takes its inserts at one end of its index instead of at random
 * pages all over it (issue #15: a random key cost every receipt a page rewritten per commit and
 * most of the file; decision 0027). The rest is random, and nothing is granted by knowing an id.
 */
public final class Ids {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Characters after the prefix: the time, then the random part. */
    private static final int ID_LENGTH = 20;

    /** Milliseconds since 1970 in eight base62 characters: enough until the year 8888. */
    static final int TIME_LENGTH = 8;

    /**
     * About 71 random bits: even a thousand ids made in the same millisecond hold a pair alike with
     * odds of about 1 in 10^16, so collisions are not a concern.
     */
    private static final int RANDOM_LENGTH = ID_LENGTH - TIME_LENGTH;

    private Ids() {}

    public static String newId(String prefix) {
        return prefix + "_" + base62(System.currentTimeMillis(), TIME_LENGTH) + randomBase62(RANDOM_LENGTH);
    }

    /**
     * {@code value} in {@code width} base62 digits, most significant first: the alphabet is in
     * ASCII order, so for one width the strings sort as the numbers do.
     */
    static String base62(long value, int width) {
        char[] chars = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            chars[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(chars);
    }

    /**
     * {@code length} base62 characters from a CSPRNG (43 characters carry 256 bits). Each character
     * is the low six bits of one random byte, the two values above 61 thrown away so every
     * character is equally likely; the bytes come a buffer at a time, not one generator call per
     * character (which cost a receipt two dozen calls into the synchronized generator).
     */
    public static String randomBase62(int length) {
        char[] chars = new char[length];
        byte[] random = new byte[length + length / 8 + 4];
        int used = random.length;
        for (int i = 0; i < length; ) {
            if (used == random.length) {
                RANDOM.nextBytes(random);
                used = 0;
            }
            int sixBits = random[used++] & 0x3F;
            if (sixBits < BASE62.length) {
                chars[i++] = BASE62[sixBits];
            }
        }
        return new String(chars);
    }
}
