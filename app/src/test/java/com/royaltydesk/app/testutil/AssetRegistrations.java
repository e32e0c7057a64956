package com.royaltydesk.app.testutil;

import com.royaltydesk.app.api.AssetRegistration;
import com.royaltydesk.app.api.PriceModel;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Registration bodies for tests that register assets over the API, behind the window's back. */
public final class AssetRegistrations {

    private AssetRegistrations() {}

    /** {@code content} registered as {@code name}, CC BY 4.0, 0.0001 USD per token. */
    public static AssetRegistration perUse(String name, byte[] content) {
        try {
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new AssetRegistration(
                    name,
                    "cc-by-4.0",
                    new PriceModel("per_use", new BigDecimal("0.0001"), null, null, null, "USD"),
                    List.of("sha256:" + sha256),
                    content.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
