package com.royaltydesk.app.content;

import java.nio.file.Path;

/**
 * One file's SHA-256 as computed on this machine.
 *
 * @param file where it is
 * @param name the file's name, or its path inside the chosen folder (forward slashes)
 * @param sha256Hex the digest in lowercase hex
 * @param sizeBytes how many bytes were hashed
 */
public record FileDigest(Path file, String name, String sha256Hex, long sizeBytes) {

    /** The hash as the platform's {@code content_hashes} spell it. */
    public String contentHash() {
        return "sha256:" + sha256Hex;
    }
}
