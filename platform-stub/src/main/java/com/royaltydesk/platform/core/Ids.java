package com.royaltydesk.platform.core;

import java.security.SecureRandom;

/** Random identifiers and secrets with a readable type prefix, e.g. {@code asset_4f9Qk…}. */
public final class Ids {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Enough characters for about 119 random bits: collisions are not a concern. */
    private static final int ID_LENGTH = 20;

    private Ids() {}

    public static String newId(String prefix) {
        return prefix + "_" + randomBase62(ID_LENGTH);
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
