package com.royaltydesk.platform.log;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes C2SP {@code tlog-checkpoint} notes and signs them as the log (SPEC §2a). The log's own
 * signature is a timestamped Ed25519 {@code cosignature/v1} (signature type 0x04, which
 * tlog-checkpoint recommends for logs), so the moment the log vouched is signed too. The key name is
 * the log's origin. Written from the C2SP texts; the verifier module checks it with code of its own.
 */
public final class CheckpointNote {

    static final byte COSIGNATURE_V1 = 0x04;

    private CheckpointNote() {}

    /** Origin, tree size, base64 root hash, each on its own line. */
    public static String body(String origin, long treeSize, byte[] rootHash) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** The whole signed note: body, empty line, the log's signature line. */
    public static String sign(String body, String origin, byte[] seed, byte[] publicKey, Instant at) {
        long seconds = at.getEpochSecond();
        byte[] message = ("cosignature/v1\ntime " + seconds + "\n" + body).getBytes(StandardCharsets.UTF_8);
        byte[] signature;
        try {
            signature = new Ed25519Sign(seed).sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
        byte[] line = ByteBuffer.allocate(4 + 8 + signature.length)
                .put(keyId(origin, publicKey))
                .putLong(seconds)
                .put(signature)
                .array();
        return body + "\n\u2014 " + origin + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    /** The C2SP {@code vkey} a verifier pins: {@code origin+keyid+base64(0x04 ‖ key)}. */
    public static String vkey(String origin, byte[] publicKey) {
        byte[] material = new byte[publicKey.length + 1];
        material[0] = COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, material, 1, publicKey.length);
        return origin + "+" + HexFormat.of().formatHex(keyId(origin, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(material);
    }

    /** SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] (C2SP signed-note key ID). */
    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(COSIGNATURE_V1);
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
