package com.royaltydesk.app.review;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The names a receipt bundle goes by (decision 0019). The same JSON is a {@code .bundle.json} —
 * what the app and {@code verify} have always written, and what Linux associates — or a {@code
 * .rdkbundle}: Windows and macOS know a file by its last extension only, so they associate that one.
 * Every way in (command line, double-click, file dialog, drop) accepts both, and any {@code .json}.
 */
public final class BundleFiles {

    public static final String JSON_SUFFIX = ".bundle.json";
    public static final String OWN_EXTENSION = ".rdkbundle";

    /** For file dialogs: {@code *.bundle.json}, {@code *.rdkbundle}, {@code *.json}. */
    public static final List<String> PATTERNS = List.of("*" + JSON_SUFFIX, "*" + OWN_EXTENSION, "*.json");

    private BundleFiles() {}

    /** Whether a file by this name is opened as a bundle (a double-click passes only the name). */
    public static boolean isBundleName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(OWN_EXTENSION);
    }

    /** {@code case-7.bundle.json} / {@code case-7.rdkbundle} / {@code case-7.json} → {@code case-7}. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(JSON_SUFFIX, OWN_EXTENSION, ".json")) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /**
     * The name an exported bundle is offered under: the one this computer's file manager opens with
     * Royalty Desk after installation — {@code .rdkbundle} on Windows and macOS, {@code .bundle.json}
     * elsewhere.
     */
    public static String suggestedName(String stem, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean oneExtensionOnly = os.startsWith("windows") || os.startsWith("mac");
        return stem + (oneExtensionOnly ? OWN_EXTENSION : JSON_SUFFIX);
    }
}
