package com.royaltydesk.app.ui.settings;

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

    private final BackgroundTasks tasks;
    private final Path dataDir;
    private final ObjectProperty<Theme> theme;
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Starting the embedded platform…");
    private final ReadOnlyStringWrapper signedInAs = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper saveProblem = new ReadOnlyStringWrapper("");

    /** Reads the saved theme synchronously: it must be known before the window is first drawn. */
    public SettingsViewModel(BackgroundTasks tasks, Path dataDir) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.theme = new SimpleObjectProperty<>(load(dataDir));
        theme.addListener((obs, old, now) -> save(now));
    }

    static Theme load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Theme.LIGHT;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Theme.valueOf(properties.getProperty(THEME, "LIGHT").toUpperCase(Locale.ROOT));
        } catch (IOException | IllegalArgumentException e) {
            return Theme.LIGHT; // an unreadable file must not keep the app from starting
        }
    }

    private void save(Theme value) {
        tasks.run(
                () -> {
                    Files.createDirectories(dataDir);
                    Path file = dataDir.resolve(FILE);
                    Properties properties = new Properties();
                    properties.setProperty(THEME, value.name().toLowerCase(Locale.ROOT));
                    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        properties.store(out, "Royalty Desk settings");
                    }
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                    return file;
                },
                saved -> saveProblem.set(""),
                error -> saveProblem.set(
                        "The theme applies now but could not be saved for next time: " + error.getMessage()));
    }

    /** Called once the embedded platform is up. */
    public void connected(String baseUrl, String creatorId, Path credentialsFile) {
        connection.set("Embedded sandbox platform at " + baseUrl + " (works offline)");
        signedInAs.set(creatorId + ", with the sandbox key kept in " + credentialsFile.toAbsolutePath());
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
