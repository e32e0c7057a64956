package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The platform's package rules (ARCHITECTURE.md), checked on its own sources: HTTP stays in
 * {@code http}, domain packages never reach into it, and SQL lives in {@code db}, the journals and
 * the stores — with today's exceptions named one by one (#17 moves their SQL into stores), so a new
 * one fails here and a fixed one must be struck from the list. Packages form no cycle, and only the
 * composition root (the platform package itself) may name every other one. "SQL" is a statement
 * prepared, a result set read or SQL text handed to a helper: a service may hold the caller's
 * {@code Connection} to keep one transaction
 * across stores, which is what stores on the caller's connection are for.
 */
@Tag(NoDatabase.TAG)
class ArchitectureRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/royaltydesk/platform");

    /** Services that still hold SQL of their own; the list only shrinks. */
    private static final Set<String> SQL_OUTSIDE_STORES_TODAY = Set.of("log/ReceiptLog.java", "webhooks/Outbox.java");

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
        List<String> users = outside(importing("import com.royaltydesk.platform.http."), "http/");
        assertThat(users).as("the scan sees the server that starts HTTP").contains("PlatformServer.java");
        // The composition root (the platform package itself) wires HTTP; no domain package may.
        assertThat(users.stream().filter(file -> file.contains("/")).toList()).isEmpty();
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

    @Test
    void packages_formNoCycle_andOnlyTheCompositionRootSeesEveryPackage() {
        Map<String, Set<String>> uses = packageDependencies();
        assertThat(uses).as("the scan sees the packages").containsKeys("(root)", "http", "billing", "core", "db");

        assertThat(uses.entrySet().stream()
                        .filter(e -> e.getValue().contains("(root)"))
                        .map(Map.Entry::getKey)
                        .toList())
                .as("packages that use the composition root (PlatformConfig, PlatformServices, Main...);"
                        + " ask for an interface of your own that the root implements instead")
                .isEmpty();
        assertThat(cycles(uses))
                .as("packages that depend on each other, directly or round about")
                .isEmpty();
    }

    @Test
    void cycleFinder_findsARoundAboutCycle() {
        Map<String, Set<String>> uses = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a"),
                "d", Set.of("a"));
        assertThat(cycles(uses)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    /**
     * Each package (its folder; "(root)" for the platform package itself) and the other packages its
     * code names, by import or fully qualified; comments do not count.
     */
    private static Map<String, Set<String>> packageDependencies() {
        Pattern reference = Pattern.compile("com\\.royaltydesk\\.platform\\.(\\w+)");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() == 1
                        ? "(root)"
                        : relative.getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = reference.matcher(withoutComments(read(file)));
                while (m.find()) {
                    String first = m.group(1);
                    String to = Character.isUpperCase(first.charAt(0)) ? "(root)" : first;
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String withoutComments(String source) {
        // A line comment starts a line or follows code; "//" inside a URL in a string is not one.
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|[;{}),]\\s*)//[^\\n]*", "$1");
    }

    /** Every group of two or more packages that reach each other (Tarjan's strongly connected components). */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : new TreeSet<>(uses.keySet())) {
            if (!index.containsKey(start)) {
                connect(start, uses, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(
            String at,
            Map<String, Set<String>> uses,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            List<Set<String>> found) {
        index.put(at, index.size());
        low.put(at, index.get(at));
        stack.push(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, uses, index, low, stack, found);
                low.put(at, Math.min(low.get(at), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(at, Math.min(low.get(at), index.get(next)));
            }
        }
        if (low.get(at).equals(index.get(at))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(at));
            if (component.size() > 1) {
                found.add(component);
            }
        }
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
