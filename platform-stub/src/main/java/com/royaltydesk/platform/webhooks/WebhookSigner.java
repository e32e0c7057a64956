package com.royaltydesk.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: secrets are {@code whsec_} + base64 of 32 random bytes, and the HMAC
 * key is those bytes. {@code webhook-signature} is {@code v1,} + base64 HMAC-SHA256 of
 * {@code id.timestamp.body}; the seed's {@code X-Signature} is {@code sha256=} + hex HMAC of the body.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String standardSignature(String secret, String messageId, long timestamp, String body) {
        String signed = messageId + "." + timestamp + "." + body;
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, signed.getBytes(StandardCharsets.UTF_8)));
    }

    public static String seedSignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
