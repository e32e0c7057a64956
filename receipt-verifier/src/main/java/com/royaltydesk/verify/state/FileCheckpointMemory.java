package com.royaltydesk.verify.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.royaltydesk.verify.note.Checkpoint;
import com.royaltydesk.verify.note.NoteException;
import com.royaltydesk.verify.note.SignedNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link CheckpointMemory} in a folder (the app's data folder, or the CLI's {@code --state DIR}):
 * {@code logs/<id>/newest.note}, {@code logs/<id>/history/<size>.note} (the newest {@value
 * #MAX_HISTORY} sizes) and {@code forks/*.json}. Files are replaced atomically, so a crash leaves
 * the old or the new checkpoint, never half of one.
 */
public final class FileCheckpointMemory implements CheckpointMemory {

    /** Remembered sizes per log; older ones are dropped (the newest is always kept). */
    public static final int MAX_HISTORY = 1_000;

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FileCheckpointMemory(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized Optional<Seen> newest(String origin) {
        return read(logDir(origin).resolve("newest.note"));
    }

    @Override
    public synchronized Optional<Seen> atSize(String origin, long size) {
        return read(logDir(origin).resolve("history").resolve(size + ".note"));
    }

    @Override
    public synchronized void remember(Seen seen) {
        String origin = seen.checkpoint().origin();
        Path log = logDir(origin);
        try {
            Files.createDirectories(log.resolve("history"));
            write(log.resolve("origin.txt"), origin + "\n");
            write(log.resolve("history").resolve(seen.checkpoint().treeSize() + ".note"), seen.note());
            Optional<Seen> newest = newest(origin);
            if (newest.isEmpty()
                    || newest.get().checkpoint().treeSize() <= seen.checkpoint().treeSize()) {
                write(log.resolve("newest.note"), seen.note());
            }
            trimHistory(log.resolve("history"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember a checkpoint in " + log, e);
        }
    }

    @Override
    public synchronized Path recordFork(ForkEvidence evidence) {
        try {
            Path forks = Files.createDirectories(dir.resolve("forks"));
            Path file = forks.resolve("fork-" + evidence.detectedAt().toEpochMilli() + "-"
                    + id(evidence.origin()).substring(0, 8) + ".json");
            write(file, json.writeValueAsString(asJson(evidence)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save fork evidence in " + dir, e);
        }
    }

    /** The evidence as a reviewer reads it: snake_case, both signed notes verbatim, the proof in hex. */
    private static Map<String, Object> asJson(ForkEvidence evidence) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", "two signed checkpoints of one log that cannot both be true");
        out.put("origin", evidence.origin());
        out.put("reason", evidence.reason());
        out.put("detected_at", evidence.detectedAt().toString());
        out.put("remembered_note", evidence.rememberedNote());
        out.put("presented_note", evidence.presentedNote());
        out.put(
                "consistency_proof",
                Map.of(
                        "first",
                        evidence.firstSize(),
                        "second",
                        evidence.secondSize(),
                        "hashes",
                        evidence.proofHashes()));
        return out;
    }

    private Optional<Seen> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String note = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(new Seen(Checkpoint.parse(SignedNote.parse(note).text()), note));
        } catch (IOException | NoteException e) {
            // A remembered checkpoint that cannot be read is not silently forgotten: say where.
            throw new IllegalStateException(
                    "the remembered checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void trimHistory(Path history) throws IOException {
        List<Long> sizes;
        try (Stream<Path> files = Files.list(history)) {
            sizes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+\\.note"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 5)))
                    .sorted()
                    .toList();
        }
        for (int i = 0; i < sizes.size() - MAX_HISTORY; i++) {
            Files.deleteIfExists(history.resolve(sizes.get(i) + ".note"));
        }
    }

    private Path logDir(String origin) {
        return dir.resolve("logs").resolve(id(origin));
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String id(String origin) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
