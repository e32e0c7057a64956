package com.royaltydesk.app;

import com.royaltydesk.platform.UserDataDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How this run of the app was asked to start. The data folder comes from {@code --data-dir}, else
 * the {@value #DATA_DIR_ENV} environment variable, else the OS's per-user application-data folder.
 *
 * @param dataDir where the app keeps its files; the embedded platform lives in {@code platform/}
 * @param smokeTest start, open the window, check the platform's health, then exit 0 (healthy) or 1
 * @param demoHistory a new sandbox starts with a year of demo history (on unless {@code
 *     --no-demo-history}; tests that build settings themselves start with a bare sandbox)
 */
public record AppSettings(Path dataDir, boolean smokeTest, boolean demoHistory) {

    public static final String DATA_DIR_ENV = "ROYALTY_DESK_DATA_DIR";
    public static final String USAGE = "Usage: royalty-desk [--data-dir=<folder>] [--smoke-test] [--no-demo-history]";

    public AppSettings {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    public AppSettings(Path dataDir) {
        this(dataDir, false, false);
    }

    /** Reads the command line and environment; an unknown or incomplete flag is an error, not a guess. */
    public static AppSettings parse(List<String> args, Map<String, String> env) {
        Path dataDir = null;
        boolean smokeTest = false;
        boolean demoHistory = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--smoke-test")) {
                smokeTest = true;
            } else if (arg.equals("--no-demo-history")) {
                demoHistory = false;
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = nonBlankPath(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--data-dir") && i + 1 < args.size()) {
                dataDir = nonBlankPath(args.get(++i));
            } else {
                throw new IllegalArgumentException("Unknown or incomplete option '" + arg + "'. " + USAGE);
            }
        }
        if (dataDir == null
                && env.get(DATA_DIR_ENV) != null
                && !env.get(DATA_DIR_ENV).isBlank()) {
            dataDir = Path.of(env.get(DATA_DIR_ENV));
        }
        return new AppSettings(dataDir != null ? dataDir : UserDataDirectory.resolve(), smokeTest, demoHistory);
    }

    private static Path nonBlankPath(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--data-dir needs a folder. " + USAGE);
        }
        return Path.of(value);
    }

    /** Where the bundled platform keeps its database, keys and sandbox credentials. */
    public Path platformDataDir() {
        return dataDir.resolve("platform");
    }
}
