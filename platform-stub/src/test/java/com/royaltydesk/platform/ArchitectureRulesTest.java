package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The platform's package rules (ARCHITECTURE.md), checked on its own sources: HTTP stays in
 * {@code http}, domain packages never reach into it, and SQL lives in {@code db}, the journals and
 * the stores — with today's exceptions named one by one (#17 moves their SQL into stores), so a new
 * one fails here and a fixed one must be struck from the list. "SQL" is a statement prepared or a
 * result set read: a service may hold the caller's {@code Connection} to keep one transaction
 * across stores, which is what stores on the caller's connection are for.
 */
@Tag(NoDatabase.TAG)
class ArchitectureRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/royaltydesk/platform");

    /** Services that still hold SQL of their own; the list only shrinks. */
    private static final Set<String> SQL_OUTSIDE_STORES_TODAY = Set.of(
            "backup/Backups.java",
            "backup/DatabaseRebuild.java",
            "billing/BalanceService.java",
            "billing/PayoutExecutor.java",
            "billing/StatementService.java",
            "keys/PlatformKeyBootstrap.java",
            "log/ReceiptLog.java",
            "sandbox/SandboxBootstrap.java",
            "usage/Corrections.java",
            "usage/PeriodGate.java",
            "usage/UsageOps.java",
            "webhooks/Outbox.java",
            "webhooks/WebhookDispatcher.java",
            "webhooks/WebhookService.java");

    @Test
    void javalin_onlyInHttpAndTheServerThatStartsIt() {
        List<String> javalin = importing("import io.javalin");
        assertThat(javalin).as("the scan sees the sources").contains("http/Routes.java");
        assertThat(outside(javalin, "http/")).containsExactly("PlatformServer.java");
    }

    @Test
    void core_dependsOnNoOtherPackageOfThePlatform() {
        List<String> core = importing("package com.royaltydesk.platform.core;");
        assertThat(core).as("the scan sees the kernel").contains("core/ApiException.java");

        assertThat(core.stream()
                        .filter(file -> read(SOURCES.resolve(file))
                                .replace("import com.royaltydesk.platform.core.", "")
                                .contains("import com.royaltydesk.platform."))
                        .toList())
                .as("kernel files importing another package of the platform")
                .isEmpty();
    }

    @Test
    void domainPackages_neverImportHttp() {
        assertThat(outside(importing("import com.royaltydesk.platform.http."), "http/"))
                .containsExactly("PlatformServer.java");
    }

    @Test
    void sql_onlyInDbJournalsAndStores_andTheNamedServicesOfToday() {
        Set<String> outsideStores = new TreeSet<>();
        for (String file : importing(
                "import java.sql.PreparedStatement;",
                "import java.sql.ResultSet;",
                "import java.sql.Statement;",
                "import java.sql.CallableStatement;",
                ".prepareStatement(",
                ".createStatement(",
                "java.sql.PreparedStatement ",
                "java.sql.ResultSet ",
                // SQL text handed to a helper (Queries.list, say) is SQL all the same.
                "\"SELECT ",
                "\"INSERT INTO ",
                "\"UPDATE ",
                "\"DELETE FROM ",
                "\"MERGE INTO ")) {
            if (!file.startsWith("db/") && !file.startsWith("journal/") && !file.endsWith("Store.java")) {
                outsideStores.add(file);
            }
        }

        assertThat(outsideStores)
                .as("a file with SQL outside db/, journal/ and the stores; move its SQL into a store (#17)")
                .isSubsetOf(SQL_OUTSIDE_STORES_TODAY);
        assertThat(SQL_OUTSIDE_STORES_TODAY)
                .as("no longer holding SQL: strike it from the list")
                .isSubsetOf(outsideStores);
    }

    private static List<String> outside(List<String> files, String folder) {
        return files.stream().filter(f -> !f.startsWith(folder)).sorted().toList();
    }

    /** Source files (relative, with forward slashes) that contain any of {@code texts}. */
    private static List<String> importing(String... texts) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> Stream.of(texts).anyMatch(read(f)::contains))
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/'))
                    .sorted()
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
