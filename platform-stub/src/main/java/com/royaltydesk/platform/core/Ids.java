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

    /** {@code length} base62 characters from a CSPRNG (43 characters carry 256 bits). */
    public static String randomBase62(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(chars);
    }
}
