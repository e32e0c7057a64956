package com.royaltydesk.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user application-data folder of the running OS, where Royalty Desk keeps its data unless
 * told otherwise: {@code %APPDATA%\RoyaltyDesk} on Windows, {@code ~/Library/Application
 * Support/RoyaltyDesk} on macOS, {@code $XDG_DATA_HOME/royalty-desk} (default {@code
 * ~/.local/share/royalty-desk}) elsewhere.
 */
public final class UserDataDirectory {

    private UserDataDirectory() {}

    public static Path resolve() {
        return resolve(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** Pure form of {@link #resolve()} so every OS branch can be tested on any OS. */
    static Path resolve(String osName, String userHome, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = isSet(appData) ? Path.of(appData) : Path.of(userHome, "AppData", "Roaming");
            return base.resolve("RoyaltyDesk");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "RoyaltyDesk");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = isSet(xdg) ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve("royalty-desk");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
