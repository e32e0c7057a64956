package com.royaltydesk.platform.receipts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals signing private keys in the database ({@link PrivateKeySeal}). It is
 * held outside the database, so a reader of the database (a backup, a dump, a leaked replica) holds
 * sealed keys it cannot use. From, in order: the environment variable {@value #ENV_VALUE} (base64url
 * of 32 bytes — what a secret store injects), the file {@value #ENV_FILE} or the configured file
 * names, or {@value #FILE_NAME} in the data folder, made on first start, owner-only.
 */
public final class KeyEncryptionKey {

    public static final String ENV_VALUE = "RDK_KEY_ENCRYPTION_KEY";
    public static final String ENV_FILE = "RDK_KEY_ENCRYPTION_KEY_FILE";
    public static final String FILE_NAME = "signing-keys.kek";
    private static final int BYTES = 32;

    private final SecretKey key;
    private final String id;
    private final String source;

    private KeyEncryptionKey(byte[] raw, String source) {
        if (raw.length != BYTES) {
            throw new IllegalStateException("The key-encryption key from " + source + " must be " + BYTES
                    + " bytes, base64url-encoded; it has " + raw.length + ".");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = "kek-" + HexFormat.of().formatHex(sha256(raw), 0, 8);
        this.source = source;
    }

    /**
     * The key this platform seals with. A missing default file is made only when {@code mayCreate}
     * (no key in the database is sealed yet); otherwise its absence is an error that says which
     * file to bring back — a new key would make every sealed key unreadable.
     */
    public static KeyEncryptionKey resolve(
            Map<String, String> env, Path configuredFile, Path dataDir, boolean mayCreate) {
        String value = env.get(ENV_VALUE);
        if (value != null && !value.isBlank()) {
            return new KeyEncryptionKey(decode(value, "the environment variable " + ENV_VALUE), ENV_VALUE);
        }
        Path file = configuredFile != null
                ? configuredFile
                : env.get(ENV_FILE) != null && !env.get(ENV_FILE).isBlank()
                        ? Path.of(env.get(ENV_FILE))
                        : dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                if (!mayCreate) {
                    throw new IllegalStateException("The signing keys in this database are sealed, and the"
                            + " key-encryption key file " + file + " is missing. Restore that file (or set "
                            + ENV_VALUE + ") — without it no receipt can be signed.");
                }
                create(file);
            }
            restrictToOwner(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new KeyEncryptionKey(decode(text, file.toString()), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the key-encryption key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".kek", ".tmp");
        restrictToOwner(temp);
        Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Another instance sharing the file made it first: use that one.
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static byte[] decode(String text, String source) {
        try {
            return Base64.getUrlDecoder()
                    .decode(text.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key from " + source + " is not base64url.", e);
        }
    }

    private static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    SecretKey key() {
        return key;
    }

    /** A name for this key that reveals nothing of it: "kek-" and 16 hex digits of its SHA-256. */
    public String id() {
        return id;
    }

    /** Where it came from, for messages: a file path or the environment variable's name. */
    public String source() {
        return source;
    }
}
