package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked on the app's own sources. */
class ArchitectureRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/royaltydesk/app");

    @Test
    void platformInternals_usedOnlyByCompositionRootAndEmbedded() {
        List<Path> importers = filesImporting("import com.royaltydesk.platform.");
        assertThat(importers)
                .as("the scan sees the sources (embedded/ imports the platform)")
                .isNotEmpty();

        List<String> offenders = importers.stream()
                .filter(file -> !file.startsWith(SOURCES.resolve("embedded")))
                .filter(file -> !file.getParent().equals(SOURCES))
                .map(Path::toString)
                .toList();

        assertThat(offenders)
                .as("only app/ and app/embedded/ may import the platform")
                .isEmpty();
    }

    @Test
    void nonUiPackages_importNoJavaFx() {
        List<String> offenders = filesImporting("import javafx.").stream()
                .filter(file -> !file.startsWith(SOURCES.resolve("ui")))
                .filter(file -> !file.getParent().equals(SOURCES))
                .map(Path::toString)
                .toList();

        assertThat(offenders)
                .as("api/, concurrency/, embedded/ stay toolkit-free")
                .isEmpty();
    }

    /** Every way to get work off the UI thread other than BackgroundTasks (which owns the app's pool). */
    private static final List<String> OWN_THREADS = List.of(
            "new Thread(",
            "Thread.ofVirtual",
            "Thread.ofPlatform",
            "Thread.startVirtualThread",
            "Executors.",
            "ThreadPoolExecutor",
            "CompletableFuture.runAsync",
            "CompletableFuture.supplyAsync",
            "ForkJoinPool",
            "new Timer(",
            "new javafx.concurrent.Task",
            "new Task<",
            "new Service<");

    @Test
    void uiPackages_startNoThreadsOfTheirOwn() {
        for (String way : OWN_THREADS) {
            List<String> offenders = filesContaining(SOURCES.resolve("ui"), way).stream()
                    .map(Path::toString)
                    .toList();

            assertThat(offenders)
                    .as("views and view models use BackgroundTasks, not " + way)
                    .isEmpty();
        }
        assertThat(filesContaining(SOURCES.resolve("concurrency"), "ThreadPoolExecutor"))
                .as("the scan sees the one place that makes threads")
                .isNotEmpty();
    }

    @Test
    void windowTests_lookAndMeasureOnTheFxThread() {
        Path tests = Path.of("src/test/java/com/royaltydesk/app");
        List<String> offenders = filesContaining(tests, "extends FxRobot").stream()
                .filter(file -> !file.getFileName().toString().equals("FxThreadRobot.java"))
                .filter(file -> !file.getFileName().toString().equals("ArchitectureRulesTest.java"))
                .map(Path::toString)
                .toList();

        assertThat(offenders)
                .as("window tests extend testutil.FxThreadRobot: TestFX's own lookups race the app's refreshes")
                .isEmpty();
        assertThat(filesContaining(tests, "extends FxThreadRobot"))
                .as("the scan sees the window tests")
                .isNotEmpty();
    }

    private static List<Path> filesImporting(String importPrefix) {
        return filesContaining(SOURCES, importPrefix);
    }

    private static List<Path> filesContaining(Path root, String text) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains(text))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
