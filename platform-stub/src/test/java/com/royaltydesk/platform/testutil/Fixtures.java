package com.royaltydesk.platform.testutil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Request bodies and content used across platform tests. */
public final class Fixtures {

    private Fixtures() {}

    public static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] content(String seed) {
        return ("asset content " + seed).getBytes(StandardCharsets.UTF_8);
    }

    /** A valid per-use asset registration for {@code content}. */
    public static String assetJson(byte[] content) {
        return assetJson(content, "{\"type\":\"per_use\",\"rate\":0.0001}");
    }

    public static String assetJson(byte[] content, String priceModelJson) {
        return """
                {"name":"annotated-images-v1","description":"5k labeled images","license":"cc-by-nc-4.0",
                 "price_model":%s,"content_hashes":["%s"],"size_bytes":%d}""".formatted(priceModelJson, sha256(content), content.length);
    }
}
