package com.royaltydesk.app.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHasherTest {

    @TempDir
    Path dir;

    private final ContentHasher hasher = new ContentHasher();

    @Test
    void file_sha256IsTheStandardDigestAndProgressEndsAtTheSize() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        List<long[]> updates = new ArrayList<>();

        List<FileDigest> digests = hasher.hash(file, (done, total) -> updates.add(new long[] {done, total}));

        // FIPS 180-2's test vector for "abc".
        assertThat(digests).singleElement().satisfies(d -> {
            assertThat(d.contentHash())
                    .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(d.sizeBytes()).isEqualTo(3);
            assertThat(d.name()).isEqualTo("abc.txt");
        });
        assertThat(updates.get(updates.size() - 1)).containsExactly(3, 3);
    }

    @Test
    void folder_everyVisibleFileInPathOrderNamedByItsPathInside() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(folder.resolve("b.jpg"), "bee");
        Files.createDirectories(folder.resolve("cats"));
        Files.writeString(folder.resolve("cats/a.jpg"), "cat");
        Files.writeString(folder.resolve(".DS_Store"), "hidden");
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git/config"), "hidden too");

        List<FileDigest> digests = hasher.hash(folder, (done, total) -> {});

        assertThat(digests).extracting(FileDigest::name).containsExactly("b.jpg", "cats/a.jpg");
        assertThat(digests).extracting(FileDigest::sizeBytes).containsExactly(3L, 3L);
    }

    @Test
    void emptyFolder_clearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> hasher.hash(empty, (done, total) -> {})).hasMessageContaining("holds no files");
    }

    @Test
    void interrupted_stopsWithInterruptedExceptionBeforeTheEnd() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(64L << 20); // 64 MiB, sparse: quick to make, read in 64 steps
        }
        List<Long> seen = new ArrayList<>();

        assertThatThrownBy(() -> hasher.hash(big, (done, total) -> {
                    seen.add(done);
                    Thread.currentThread().interrupt(); // what Future.cancel(true) does
                }))
                .isInstanceOf(InterruptedException.class);
        assertThat(seen).hasSize(1);
        Thread.interrupted(); // leave the test thread as it was
    }
}
