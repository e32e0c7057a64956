package com.royaltydesk.app.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hashes a chosen file, or every file in a chosen folder, in 1 MiB reads: memory stays flat for any
 * size. Reports bytes done after each read and stops with {@link InterruptedException} as soon as
 * its thread is interrupted (that is how "Cancel" reaches it).
 */
public final class ContentHasher {

    /** Bytes hashed so far out of all the bytes to hash; called on the hashing thread. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesDone, long bytesTotal);
    }

    private static final int BUFFER = 1 << 20;

    /** The files a source stands for: itself, or each regular, non-hidden file under it in path order. */
    public static List<Path> filesOf(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        if (!Files.isDirectory(source)) {
            throw new IOException(source + " is neither a file nor a folder");
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !isHidden(source.relativize(file)))
                    .sorted()
                    .toList();
        }
    }

    public List<FileDigest> hash(Path source, Progress progress) throws IOException, InterruptedException {
        List<Path> files = filesOf(source);
        if (files.isEmpty()) {
            throw new IOException("the folder " + source + " holds no files");
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        long done = 0;
        List<FileDigest> digests = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        for (Path file : files) {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("hashing cancelled");
                    }
                    int read = in.read(buffer);
                    if (read == -1) {
                        break;
                    }
                    sha256.update(buffer, 0, read);
                    size += read;
                    done += read;
                    progress.update(done, total);
                }
            } catch (ClosedByInterruptException e) {
                // The file channel closes itself when interrupted mid-read: that is a cancel too.
                throw new InterruptedException("hashing cancelled");
            }
            digests.add(
                    new FileDigest(file, nameOf(source, file), HexFormat.of().formatHex(sha256.digest()), size));
        }
        progress.update(done, total);
        return List.copyOf(digests);
    }

    /** A single file by its name; a folder's files by their path inside it, with forward slashes. */
    private static String nameOf(Path source, Path file) {
        if (source.equals(file)) {
            return file.getFileName().toString();
        }
        return source.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
