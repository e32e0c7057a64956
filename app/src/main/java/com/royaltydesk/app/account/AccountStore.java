package com.royaltydesk.app.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code account.json} in the app's data folder. Written owner-only (0600) before the key goes in,
 * then moved into place in one step, so the key is never readable by others nor half-written.
 */
public final class AccountStore {

    public static final String FILE = "account.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AccountStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The saved sign-in; empty when there is none (the bundled sandbox's demo creator). */
    public Optional<Account> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode saved = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        String creator = saved.path("creator_id").asText("");
        String key = saved.path("api_key").asText("");
        if (creator.isEmpty() || key.isEmpty()) {
            throw new IOException(file + " has no creator_id or api_key");
        }
        String url = saved.path("platform_url").isTextual()
                ? saved.path("platform_url").asText()
                : null;
        return Optional.of(new Account(url, creator, key));
    }

    public void save(Account account) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary); // per-user profile folder; no POSIX bits to set
        }
        ObjectNode json = JSON.createObjectNode();
        if (account.platformUrl() != null) {
            json.put("platform_url", account.platformUrl());
        }
        json.put("creator_id", account.creatorId());
        json.put("api_key", account.apiKey());
        Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets the sign-in: the app goes back to the bundled sandbox's demo creator. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
