package com.royaltydesk.app.ui.settings;

import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Settings: where the app is connected and signed in, where its data lives, and the theme, which is
 * kept in {@code settings.properties} in the data folder (owner-only) and restored at start.
 */
public final class SettingsViewModel {

    static final String FILE = "settings.properties";
    private static final String THEME = "theme";
    private static final String STARTED_BEFORE = "started_before";

    private final BackgroundTasks tasks;
    private final Path dataDir;
    private final ObjectProperty<Theme> theme;
    private final boolean firstRun;
    private final Object fileLock = new Object();
    private volatile Theme desired;
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Starting the embedded platform…");
    private final ReadOnlyStringWrapper signedInAs = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper saveProblem = new ReadOnlyStringWrapper("");

    /**
     * Reads the saved settings synchronously: the theme and the first page must be known before the
     * window is first drawn. Then records that the app has started, so the next start is not a first run.
     */
    public SettingsViewModel(BackgroundTasks tasks, Path dataDir) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        Properties saved = load(dataDir);
        this.theme = new SimpleObjectProperty<>(theme(saved));
        this.firstRun = !Boolean.parseBoolean(saved.getProperty(STARTED_BEFORE, "false"));
        theme.addListener((obs, old, now) -> save(now));
        if (firstRun) {
            save(theme.get());
        }
    }

    private static Properties load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable file must not keep the app from starting: defaults apply.
            }
        }
        return properties;
    }

    private static Theme theme(Properties saved) {
        try {
            return Theme.valueOf(saved.getProperty(THEME, "LIGHT").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    /** True when no earlier start left its mark: the app opens on Get started. */
    public boolean firstRun() {
        return firstRun;
    }

    /**
     * Saves on a worker. Saves run one at a time and each writes the newest theme, so the file ends
     * with the last choice even when two quick changes finish out of order.
     */
    private void save(Theme value) {
        desired = value;
        tasks.run(
                () -> {
                    synchronized (fileLock) {
                        return write(desired);
                    }
                },
                saved -> saveProblem.set(""),
                error -> saveProblem.set(
                        "The theme applies now but could not be saved for next time: " + error.getMessage()));
    }

    private Path write(Theme value) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        Properties properties = new Properties();
        properties.setProperty(THEME, value.name().toLowerCase(Locale.ROOT));
        properties.setProperty(STARTED_BEFORE, "true");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Royalty Desk settings");
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /** Called whenever the app connects or signs in anew. */
    public void connected(Session session) {
        connection.set(
                session.embedded()
                        ? "Bundled sandbox platform at " + session.baseUrl() + " (works offline)"
                        : "Remote platform at " + session.baseUrl());
        signedInAs.set(session.creatorId() + ", with the key kept in "
                + session.keyFile().toAbsolutePath() + " (readable only by you)");
    }

    /** Empty, or why the last theme change could not be written to disk. */
    public ReadOnlyStringProperty saveProblemProperty() {
        return saveProblem.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty signedInAsProperty() {
        return signedInAs.getReadOnlyProperty();
    }

    public String dataFolder() {
        return dataDir.toAbsolutePath().toString();
    }
}
