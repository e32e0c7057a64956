package com.royaltydesk.verify.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP {@code signed-note} verifier key: a name, a signature type and a public key, written as a
 * {@code vkey} ({@code name+hex key ID+base64(type ‖ key)}). The key ID is the first four bytes of
 * SHA-256(name ‖ 0x0A ‖ type ‖ key); a vkey whose stated ID disagrees does not load.
 */
public record NoteKey(String name, byte type, byte[] publicKey) {

    /** Plain Ed25519 over the note text (C2SP signed-note). */
    public static final byte ED25519 = 0x01;
    /** Timestamped Ed25519 over {@code cosignature/v1} (C2SP tlog-cosignature); also the log's own. */
    public static final byte COSIGNATURE_V1 = 0x04;

    private static final int ED25519_KEY_BYTES = 32;

    public NoteKey {
        if (!validName(name)) {
            throw new IllegalArgumentException("a note key name must be non-empty, without spaces or '+'");
        }
        if (type != ED25519 && type != COSIGNATURE_V1) {
            throw new IllegalArgumentException(
                    "unsupported note signature type 0x" + HexFormat.of().toHexDigits(type));
        }
        if (publicKey.length != ED25519_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    /** Reads a vkey; refuses a wrong key ID, an unknown type byte or a key of the wrong length. */
    public static NoteKey parse(String vkey) throws NoteException {
        String[] parts = vkey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteException("a verifier key is name+keyid+key");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteException("the verifier key is not base64");
        }
        if (material.length < 1 || parts[1].length() != 8) {
            throw new NoteException("the verifier key is too short or its key ID is not 8 hex digits");
        }
        NoteKey key;
        try {
            key = new NoteKey(parts[0], material[0], Arrays.copyOfRange(material, 1, material.length));
        } catch (IllegalArgumentException e) {
            throw new NoteException("unusable verifier key: " + e.getMessage());
        }
        if (!key.keyIdHex().equalsIgnoreCase(parts[1])) {
            throw new NoteException(
                    "the verifier key's ID " + parts[1] + " does not match its key (" + key.keyIdHex() + ")");
        }
        return key;
    }

    /** The 4-byte key ID. */
    public byte[] keyId() {
        MessageDigest sha = sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(type);
        sha.update(publicKey);
        return Arrays.copyOf(sha.digest(), 4);
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId());
    }

    public String vkey() {
        byte[] material = new byte[publicKey.length + 1];
        material[0] = type;
        System.arraycopy(publicKey, 0, material, 1, publicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(material);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteKey k
                && name.equals(k.name)
                && type == k.type
                && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey) + type;
    }

    @Override
    public String toString() {
        return vkey();
    }

    static boolean validName(String name) {
        return name != null
                && !name.isEmpty()
                && name.codePoints().noneMatch(c -> Character.isWhitespace(c) || c == '+' || Character.isISOControl(c));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
